#include "support/block_fixture.hpp"

namespace glossc::testing {

ir::Blocks every_kind_of_block(std::string refused) {
    return {
        ir::paragraph({ir::text("Intro with "), ir::math("x^2"), ir::text(".")}),
        ir::bullet_list({{ir::paragraph({ir::text("one")})},
                         {ir::paragraph({ir::text("two")}), ir::bullet_list({{ir::paragraph({ir::text("nested")})}})}}),
        ir::ordered_list({{ir::paragraph({ir::text("third")})}, {ir::paragraph({ir::emph({ir::text("fourth")})})}}, 3),
        ir::code_block("  if (a < b && c[0])\n    return \"]]>\";", "c++"),
        ir::display_math("\\sum_i x_i"),
        ir::display_math(std::move(refused)),
        ir::quote({ir::paragraph({ir::text("quoted")}), ir::paragraph({ir::text("twice")})}),
        ir::table({{{ir::text("h1")}, {ir::text("h2")}}, {{ir::text("a")}, {ir::code("b")}}}),
    };
}

}  // namespace glossc::testing
