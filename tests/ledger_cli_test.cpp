// Stable ids across editions through the ledger, end to end with `glossc`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/paths.hpp"

namespace glossc {
namespace {

using testing::run_command;
using testing::shell_quote;

std::map<std::string, std::string> concept_of_entry(const std::filesystem::path& json) {
    auto doc = nlohmann::json::parse(testing::read_bytes(json));
    std::map<std::string, std::string> out;
    for (const auto& c : doc["concepts"])
        for (const auto& p : c["provenance"]) out[p["source"].get<std::string>() + ":" + p["key"].get<std::string>()] = c["id"];
    return out;
}

TEST(Ledger, ReleaseKeepsIdsWhenASourceIsAddedAndADefinitionEdited) {
    testing::TempDir dir;
    std::filesystem::copy(testing::source_dir() / "sources", dir / "sources", std::filesystem::copy_options::recursive);
    std::filesystem::remove(dir / "sources" / "ledger.json");
    std::string glossc = shell_quote(testing::glossc_binary().string());
    std::string manifest = shell_quote((dir / "sources" / "glossary.toml").string());
    auto build = [&](const std::string& out, bool release) {
        return run_command("SOURCE_DATE_EPOCH=1795392000 " + glossc + " build --formats json --manifest " + manifest +
                           " --out " + shell_quote((dir / out).string()) + (release ? " --release" : ""));
    };
    auto first = build("out1", true);
    ASSERT_EQ(first.status, 0) << first.output;
    ASSERT_TRUE(std::filesystem::exists(dir / "sources" / "ledger.json"));
    std::string ledger1 = testing::read_bytes(dir / "sources" / "ledger.json");

    // A release of unchanged sources changes nothing.
    ASSERT_EQ(build("out1b", true).status, 0);
    EXPECT_EQ(testing::read_bytes(dir / "sources" / "ledger.json"), ledger1);

    // A new, highest-priority source renames KV cache's headword; an edited definition.
    testing::write_text(dir / "sources" / "new.json", R"({"entries": {
      "kvc": {"name": "Attention key-value store", "expansion": "KV cache",
              "oneliner": "Keeps attention keys and values of earlier tokens for reuse while decoding."},
      "brand-new": {"name": "Zebra attention", "oneliner": "A new thing."}}})");
    std::string toml = testing::read_bytes(dir / "sources" / "glossary.toml");
    toml += "\n[[source]]\nid = \"new\"\nfile = \"new.json\"\nformat = \"termbase-json\"\npriority = 99\n";
    testing::write_text(dir / "sources" / "glossary.toml", toml);
    auto dictionary = dir / "sources" / "000_acee4b96e67681a0.txt";
    std::string text = testing::read_bytes(dictionary);
    auto at = text.find("Removing one component to measure");
    ASSERT_NE(at, std::string::npos);
    testing::write_text(dictionary, text.replace(at, 8, "Deleting"));
    auto second = build("out2", false);
    ASSERT_EQ(second.status, 0) << second.output;

    auto before = concept_of_entry(dir / "out1" / "glossary.json");
    auto after = concept_of_entry(dir / "out2" / "glossary.json");
    std::size_t same = 0;
    for (const auto& [entry, id] : before) {
        ASSERT_TRUE(after.count(entry)) << entry;
        EXPECT_EQ(after[entry], id) << entry;
        same += after[entry] == id;
    }
    EXPECT_EQ(same, before.size());
    EXPECT_EQ(after["new:kvc"], before["termbase:kv-cache"]) << "the new entry joins KV cache under its old id";
    EXPECT_EQ(after["new:brand-new"], "zebra-attention");
    EXPECT_EQ(after["ai-dictionary:Ablation"], before["ai-dictionary:Ablation"]) << "its definition was edited";
}

}  // namespace
}  // namespace glossc
