// Union-find with cannot-link constraints: the clustering step of the merge.
// Unions are tried strongest evidence first; a union that would put two
// entries that must stay apart into one cluster is refused, so a weak edge
// can never chain two homonyms together through a third entry.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace glossc::merge {

class ConstrainedClusters {
public:
    explicit ConstrainedClusters(std::size_t count);

    void cannot_link(std::size_t a, std::size_t b);
    std::size_t find(std::size_t x);

    // Joins the clusters of a and b unless a cannot-link constraint between
    // them, or `compatible(members_a, members_b)`, forbids it. Returns true
    // when they are (now) in one cluster.
    bool try_union(std::size_t a, std::size_t b,
                   const std::function<bool(const std::vector<std::size_t>&, const std::vector<std::size_t>&)>&
                       compatible = nullptr);
    // Joins unconditionally (editor overrides).
    void force_union(std::size_t a, std::size_t b);

    bool forbidden(std::size_t a, std::size_t b);
    const std::vector<std::size_t>& members(std::size_t x) { return members_[find(x)]; }

private:
    void join(std::size_t ra, std::size_t rb);
    std::vector<std::size_t> parent_;
    std::vector<std::vector<std::size_t>> members_;
    std::vector<std::vector<std::size_t>> apart_;  // cannot-link partners per element
};

}  // namespace glossc::merge
