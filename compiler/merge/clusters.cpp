#include "merge/clusters.hpp"

#include <numeric>

namespace glossc::merge {

ConstrainedClusters::ConstrainedClusters(std::size_t count) : parent_(count), members_(count), apart_(count) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
    for (std::size_t i = 0; i < count; ++i) members_[i] = {i};
}

void ConstrainedClusters::cannot_link(std::size_t a, std::size_t b) {
    apart_[a].push_back(b);
    apart_[b].push_back(a);
}

std::size_t ConstrainedClusters::find(std::size_t x) {
    while (parent_[x] != x) {
        parent_[x] = parent_[parent_[x]];
        x = parent_[x];
    }
    return x;
}

bool ConstrainedClusters::forbidden(std::size_t a, std::size_t b) {
    std::size_t ra = find(a), rb = find(b);
    if (ra == rb) return false;
    // Check from the smaller cluster's side.
    if (members_[ra].size() > members_[rb].size()) std::swap(ra, rb);
    for (std::size_t m : members_[ra])
        for (std::size_t partner : apart_[m])
            if (find(partner) == rb) return true;
    return false;
}

void ConstrainedClusters::join(std::size_t ra, std::size_t rb) {
    if (members_[ra].size() < members_[rb].size()) std::swap(ra, rb);
    parent_[rb] = ra;
    members_[ra].insert(members_[ra].end(), members_[rb].begin(), members_[rb].end());
    members_[rb].clear();
}

bool ConstrainedClusters::try_union(
    std::size_t a, std::size_t b,
    const std::function<bool(const std::vector<std::size_t>&, const std::vector<std::size_t>&)>& compatible) {
    std::size_t ra = find(a), rb = find(b);
    if (ra == rb) return true;
    if (forbidden(a, b)) return false;
    if (compatible && !compatible(members_[ra], members_[rb])) return false;
    join(ra, rb);
    return true;
}

void ConstrainedClusters::force_union(std::size_t a, std::size_t b) {
    std::size_t ra = find(a), rb = find(b);
    if (ra != rb) join(ra, rb);
}

}  // namespace glossc::merge
