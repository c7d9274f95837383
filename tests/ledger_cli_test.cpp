// Stable ids across editions through the ledger, end to end with `glossc`.
#include <gtest/gtest.h>

#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "merge/ledger.hpp"
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

// The committed ledger is the current release's: the seed build retires
// none of its ids (or learners' notes of the previous release would be left
// behind as orphans), gives every concept an id it records, and reuses no
// retired id. After a change that alters the seed glossary's concepts, the
// editor releases (README, "Stable ids").
TEST(Ledger, TheCommittedLedgerIsTheSeedsRelease) {
    testing::TempDir dir;
    auto built = run_command("SOURCE_DATE_EPOCH=1795392000 " + shell_quote(testing::glossc_binary().string()) +
                             " build --formats json --manifest " + shell_quote(testing::seeds_manifest().string()) +
                             " --out " + shell_quote(dir.path().string()));
    ASSERT_EQ(built.status, 0) << built.output;
    std::set<std::string> built_ids, ledger_ids, retired;
    auto glossary = nlohmann::json::parse(testing::read_bytes(dir / "glossary.json"));
    for (const auto& c : glossary["concepts"]) built_ids.insert(c["id"].get<std::string>());
    auto ledger = nlohmann::json::parse(testing::read_bytes(testing::source_dir() / "sources" / "ledger.json"));
    for (const auto& c : ledger["concepts"]) ledger_ids.insert(c["id"].get<std::string>());
    for (const auto& id : ledger["retired"]) retired.insert(id.get<std::string>());
    EXPECT_EQ(built_ids, ledger_ids) << "run the release (README) after a change of the seed glossary's concepts";
    for (const auto& id : retired) EXPECT_FALSE(ledger_ids.count(id)) << "retired id reused: " << id;
}

// A concept new or changed in an edition changed at the edition's time, or
// just after the ledger's latest change when the edition is dated before it:
// the time an Anki note gets never goes backwards.
TEST(Ledger, AnEditionDatedBeforeTheLedgerChangesJustAfterIt) {
    merge::Ledger previous;
    EXPECT_EQ(merge::edition_change_time(previous, 1000), 1000) << "a first edition";
    previous.concepts = {{"a", "A", {}, "0", 500}, {"b", "B", {}, "0", 2000}, {"c", "C", {}, "0", 1500}};
    EXPECT_EQ(merge::latest_change(previous), 2000);
    EXPECT_EQ(merge::edition_change_time(previous, 3000), 3000);
    EXPECT_EQ(merge::edition_change_time(previous, 2000), 2001) << "the same second is not newer";
    EXPECT_EQ(merge::edition_change_time(previous, 1000), 2001);
    previous.concepts[1].modified = std::numeric_limits<std::int64_t>::max();
    EXPECT_EQ(merge::edition_change_time(previous, 1000), std::numeric_limits<std::int64_t>::max()) << "no overflow";
}

}  // namespace
}  // namespace glossc
