// Union-find with cannot-link constraints: the clustering step of the merge.
// Unions are tried strongest evidence first; a union that would put two
// entries that must stay apart into one cluster is refused, so a weak edge
// can never chain two homonyms together through a third entry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace glossc::merge {

class ConstrainedClusters {
public:
    explicit ConstrainedClusters(std::size_t count);

    // Why try_union refused, and the two elements that stopped it (one from
    // each side), so that a report can name the pair an editor must look at.
    struct Refusal {
        enum class Reason : std::uint8_t {
            None,
            CannotLink,    // a and b are a cannot-link pair
            Incompatible,  // compatible({a}, {b}) is false
        };
        Reason reason = Reason::None;
        std::size_t a = 0, b = 0;
    };

    void cannot_link(std::size_t a, std::size_t b);
    std::size_t find(std::size_t x);

    // Joins the clusters of a and b unless a cannot-link constraint between
    // them, or `compatible(members_a, members_b)`, forbids it. Returns true
    // when they are (now) in one cluster. On a refusal, `refusal` (when
    // given) names the pair that forbids it; `compatible` must then be false
    // exactly when some pair of members is incompatible (it is asked about
    // single members to find the pair, only when a union is refused).
    using Compatible = std::function<bool(const std::vector<std::size_t>&, const std::vector<std::size_t>&)>;
    bool try_union(std::size_t a, std::size_t b, const Compatible& compatible = nullptr, Refusal* refusal = nullptr);
    // Joins unconditionally (editor overrides).
    void force_union(std::size_t a, std::size_t b);

    bool forbidden(std::size_t a, std::size_t b);
    const std::vector<std::size_t>& members(std::size_t x) { return members_[find(x)]; }

private:
    void join(std::size_t ra, std::size_t rb);
    // A cannot-link pair between the clusters of a and b (its first element
    // in a's cluster), if there is one.
    bool find_apart(std::size_t a, std::size_t b, Refusal* refusal);
    std::vector<std::size_t> parent_;
    std::vector<std::vector<std::size_t>> members_;
    std::vector<std::vector<std::size_t>> apart_;  // cannot-link partners per element
};

}  // namespace glossc::merge
