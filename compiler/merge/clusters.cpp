#include "merge/clusters.hpp"

#include <numeric>

namespace glossc::merge {

namespace {

// The first pair of members, one of each cluster, that `compatible` refuses
// on their own; the clusters' first members when no single pair is refused.
ConstrainedClusters::Refusal incompatible_pair(const std::vector<std::size_t>& x, const std::vector<std::size_t>& y,
                                               const ConstrainedClusters::Compatible& compatible) {
    std::vector<std::size_t> one_x(1), one_y(1);
    for (std::size_t mx : x)
        for (std::size_t my : y) {
            one_x[0] = mx;
            one_y[0] = my;
            if (!compatible(one_x, one_y)) return {ConstrainedClusters::Refusal::Reason::Incompatible, mx, my};
        }
    return {ConstrainedClusters::Refusal::Reason::Incompatible, x.front(), y.front()};
}

}  // namespace

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

bool ConstrainedClusters::forbidden(std::size_t a, std::size_t b) { return find_apart(a, b, nullptr); }

bool ConstrainedClusters::find_apart(std::size_t a, std::size_t b, Refusal* refusal) {
    std::size_t ra = find(a), rb = find(b);
    if (ra == rb) return false;
    // Check from the smaller cluster's side.
    bool swapped = members_[ra].size() > members_[rb].size();
    if (swapped) std::swap(ra, rb);
    for (std::size_t m : members_[ra])
        for (std::size_t partner : apart_[m])
            if (find(partner) == rb) {
                if (refusal) *refusal = {Refusal::Reason::CannotLink, swapped ? partner : m, swapped ? m : partner};
                return true;
            }
    return false;
}

void ConstrainedClusters::join(std::size_t ra, std::size_t rb) {
    if (members_[ra].size() < members_[rb].size()) std::swap(ra, rb);
    parent_[rb] = ra;
    members_[ra].insert(members_[ra].end(), members_[rb].begin(), members_[rb].end());
    members_[rb].clear();
}

bool ConstrainedClusters::try_union(std::size_t a, std::size_t b, const Compatible& compatible, Refusal* refusal) {
    std::size_t ra = find(a), rb = find(b);
    if (ra == rb) return true;
    if (find_apart(a, b, refusal)) return false;
    if (compatible && !compatible(members_[ra], members_[rb])) {
        if (refusal) *refusal = incompatible_pair(members_[ra], members_[rb], compatible);
        return false;
    }
    join(ra, rb);
    return true;
}

void ConstrainedClusters::force_union(std::size_t a, std::size_t b) {
    std::size_t ra = find(a), rb = find(b);
    if (ra != rb) join(ra, rb);
}

}  // namespace glossc::merge
