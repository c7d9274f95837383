// Looking into a StarDict dictionary the way a StarDict program does,
// independently of the backend's own reader: the .ifo's options, the .idx
// and .syn entries, the dictzip file's header and chunks (each inflated on
// its own, with zlib), and a check of everything the format requires. Also
// a canonical text dump for the golden test.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace glossc::testing::stardict {

struct IndexEntry {
    std::string word;
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
};

struct Synonym {
    std::string word;
    std::uint32_t index = 0;  // into the .idx entries
};

struct Dictzip {
    std::size_t chunk_length = 0;
    std::vector<std::size_t> chunk_sizes;  // compressed
    std::uint32_t mtime = 0;
    unsigned flags = 0, os = 0;
    std::string data;                  // every chunk inflated on its own, in order
    std::vector<std::string> problems;
};

struct Dictionary {
    std::map<std::string, std::string> files;     // name -> bytes (the packed folder)
    std::vector<std::string> ifo_lines;            // in order, without line ends
    std::map<std::string, std::string> options;    // key -> value
    std::vector<IndexEntry> index;
    std::vector<Synonym> synonyms;
    Dictzip dict;
};

// stardict_strcmp, written here again from the StarDict format's
// definition: g_ascii_strcasecmp, then strcmp.
int stardict_strcmp(std::string_view a, std::string_view b);

// Reads a packed folder (render() or testing::read_output). Throws
// std::runtime_error when a file is missing or cannot be parsed at all.
Dictionary open(const std::string& packed);

// The article of an index entry (from the inflated data).
std::string article(const Dictionary& d, const IndexEntry& entry);

// Everything that is wrong with the dictionary, as messages (none when it
// is right): the .ifo's magic, version, counts and sizes; the words'
// lengths and order; offsets and sizes inside the data; synonym indexes in
// range, in order and without duplicates; the dictzip header, each chunk
// inflating alone to its length, the CRC and size.
std::vector<std::string> check(const std::string& packed);

// The .ifo as it is, the dictzip header's fields, the index and synonyms
// as lines, then every article under its word: what the golden file holds.
std::string dump(const std::string& packed);

}  // namespace glossc::testing::stardict
