#include "support/stardict_inspect.hpp"

#include <algorithm>
#include <stdexcept>

#include <zlib.h>

namespace glossc::testing::stardict {

namespace {

std::uint32_t be32(std::string_view s, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
    return v;
}

unsigned le16(std::string_view s, std::size_t at) {
    return static_cast<unsigned char>(s[at]) | (static_cast<unsigned>(static_cast<unsigned char>(s[at + 1])) << 8);
}

std::uint32_t le32(std::string_view s, std::size_t at) { return le16(s, at) | (le16(s, at + 2) << 16); }

// The packed form of backends/common/folder_bundle.hpp: "<size> <name>\n" and the bytes.
std::map<std::string, std::string> unpack(const std::string& packed) {
    std::map<std::string, std::string> files;
    for (std::size_t at = 0; at < packed.size();) {
        std::size_t space = packed.find(' ', at), newline = packed.find('\n', at);
        if (space == std::string::npos || newline == std::string::npos || space > newline)
            throw std::runtime_error("not a packed folder");
        std::size_t size = std::stoul(packed.substr(at, space - at));
        std::string name = packed.substr(space + 1, newline - space - 1);
        if (newline + 1 + size > packed.size()) throw std::runtime_error("truncated packed folder");
        files[name] = packed.substr(newline + 1, size);
        at = newline + 1 + size;
    }
    return files;
}

// A raw deflate chunk inflated with a fresh stream; the problem, if any.
std::string inflate_alone(std::string_view chunk, std::size_t expected, bool last, std::string& out) {
    z_stream z{};
    if (inflateInit2(&z, -15) != Z_OK) return "inflateInit2 failed";
    std::string buffer(expected + 16, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    z.avail_in = static_cast<uInt>(chunk.size());
    z.next_out = reinterpret_cast<Bytef*>(buffer.data());
    z.avail_out = static_cast<uInt>(buffer.size());
    int rc = inflate(&z, Z_SYNC_FLUSH);
    std::size_t produced = z.total_out;
    bool consumed = z.avail_in == 0;
    inflateEnd(&z);
    out.append(buffer, 0, produced);
    if (last && rc != Z_STREAM_END) return "the last chunk does not end the deflate stream";
    if (!last && rc == Z_STREAM_END) return "a chunk before the last ends the deflate stream";
    if (!last && rc != Z_OK) return "a chunk does not inflate on its own (zlib " + std::to_string(rc) + ")";
    if (!consumed) return "a chunk has bytes after its data";
    if (produced != expected)
        return "a chunk inflates to " + std::to_string(produced) + " bytes, not " + std::to_string(expected);
    return {};
}

Dictzip read_dictzip(std::string_view file) {
    Dictzip d;
    auto problem = [&d](std::string message) { d.problems.push_back("dict.dz: " + std::move(message)); };
    if (file.size() < 20 || static_cast<unsigned char>(file[0]) != 0x1f || static_cast<unsigned char>(file[1]) != 0x8b ||
        file[2] != 8) {
        problem("not a gzip file");
        return d;
    }
    d.flags = static_cast<unsigned char>(file[3]);
    d.mtime = le32(file, 4);
    d.os = static_cast<unsigned char>(file[9]);
    if (!(d.flags & 0x04)) {
        problem("no FEXTRA field");
        return d;
    }
    std::size_t xlen = le16(file, 10);
    std::string_view extra = file.substr(12, xlen);
    if (extra.size() < 10 || extra[0] != 'R' || extra[1] != 'A') {
        problem("the extra field is not dictzip's \"RA\" subfield");
        return d;
    }
    std::size_t len = le16(extra, 2);
    if (le16(extra, 4) != 1) problem("RA version is not 1");
    d.chunk_length = le16(extra, 6);
    std::size_t count = le16(extra, 8);
    if (len != 6 + 2 * count || xlen != 4 + len) {
        problem("RA lengths do not match the chunk count");
        return d;
    }
    for (std::size_t k = 0; k < count; ++k) d.chunk_sizes.push_back(le16(extra, 10 + 2 * k));
    std::size_t at = 12 + xlen;
    if (d.flags & 0x08) at = file.find('\0', at) + 1;  // a file name
    std::size_t total = at;
    for (auto s : d.chunk_sizes) total += s;
    if (total + 8 != file.size()) {
        problem("header + chunks + trailer is not the file's size");
        return d;
    }
    std::uint32_t isize = le32(file, file.size() - 4);
    for (std::size_t k = 0; k < count; ++k) {
        bool last = k + 1 == count;
        std::size_t expected = last ? isize - k * d.chunk_length : d.chunk_length;
        std::string message = inflate_alone(file.substr(at, d.chunk_sizes[k]), expected, last, d.data);
        if (!message.empty()) problem("chunk " + std::to_string(k) + ": " + message);
        at += d.chunk_sizes[k];
    }
    if (crc32(0, reinterpret_cast<const Bytef*>(d.data.data()), static_cast<uInt>(d.data.size())) !=
        le32(file, file.size() - 8))
        problem("CRC-32 mismatch");
    if (d.data.size() != isize) problem("ISIZE mismatch");
    return d;
}

}  // namespace

int stardict_strcmp(std::string_view a, std::string_view b) {
    auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; };
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        int x = lower(static_cast<unsigned char>(a[i])), y = lower(static_cast<unsigned char>(b[i]));
        if (x != y) return x - y;
    }
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) - static_cast<unsigned char>(b[i]);
    return 0;
}

Dictionary open(const std::string& packed) {
    Dictionary d;
    d.files = unpack(packed);
    for (const char* name : {"glossary.ifo", "glossary.idx", "glossary.dict.dz"})
        if (!d.files.count(name)) throw std::runtime_error(std::string("no ") + name);
    const std::string& ifo = d.files["glossary.ifo"];
    for (std::size_t at = 0; at < ifo.size();) {
        std::size_t end = ifo.find('\n', at);
        if (end == std::string::npos) end = ifo.size();
        d.ifo_lines.push_back(ifo.substr(at, end - at));
        at = end + 1;
    }
    for (std::size_t i = 1; i < d.ifo_lines.size(); ++i) {
        std::size_t equals = d.ifo_lines[i].find('=');
        if (equals != std::string::npos) d.options[d.ifo_lines[i].substr(0, equals)] = d.ifo_lines[i].substr(equals + 1);
    }
    const std::string& idx = d.files["glossary.idx"];
    for (std::size_t at = 0; at < idx.size();) {
        std::size_t nul = idx.find('\0', at);
        if (nul == std::string::npos || nul + 9 > idx.size()) throw std::runtime_error("truncated .idx");
        d.index.push_back({idx.substr(at, nul - at), be32(idx, nul + 1), be32(idx, nul + 5)});
        at = nul + 9;
    }
    if (d.files.count("glossary.syn")) {
        const std::string& syn = d.files["glossary.syn"];
        for (std::size_t at = 0; at < syn.size();) {
            std::size_t nul = syn.find('\0', at);
            if (nul == std::string::npos || nul + 5 > syn.size()) throw std::runtime_error("truncated .syn");
            d.synonyms.push_back({syn.substr(at, nul - at), be32(syn, nul + 1)});
            at = nul + 5;
        }
    }
    d.dict = read_dictzip(d.files["glossary.dict.dz"]);
    return d;
}

std::string article(const Dictionary& d, const IndexEntry& entry) {
    if (static_cast<std::uint64_t>(entry.offset) + entry.size > d.dict.data.size()) return {};
    return d.dict.data.substr(entry.offset, entry.size);
}

std::vector<std::string> check(const std::string& packed) {
    std::vector<std::string> problems;
    Dictionary d;
    try {
        d = open(packed);
    } catch (const std::exception& e) {
        return {e.what()};
    }
    auto problem = [&problems](std::string message) { problems.push_back(std::move(message)); };
    if (d.ifo_lines.empty() || d.ifo_lines[0] != "StarDict's dict ifo file") problem("ifo: bad magic line");
    if (d.ifo_lines.size() < 2 || !d.ifo_lines[1].starts_with("version=")) problem("ifo: version is not first");
    if (d.options["version"] != "3.0.0" && d.options["version"] != "2.4.2") problem("ifo: bad version");
    if (d.files["glossary.ifo"].back() != '\n') problem("ifo: the last line does not end");
    for (const auto& line : d.ifo_lines)
        if (line.find('\r') != std::string::npos) problem("ifo: a carriage return in a value");
    for (const char* key : {"bookname", "wordcount", "idxfilesize", "sametypesequence"})
        if (d.options[key].empty()) problem(std::string("ifo: no ") + key);
    if (d.options["wordcount"] != std::to_string(d.index.size())) problem("ifo: wordcount is not the .idx's count");
    if (d.options["idxfilesize"] != std::to_string(d.files["glossary.idx"].size()))
        problem("ifo: idxfilesize is not the .idx's size");
    if (d.files.count("glossary.syn")) {
        if (d.options["synwordcount"] != std::to_string(d.synonyms.size()))
            problem("ifo: synwordcount is not the .syn's count");
        if (d.synonyms.empty()) problem("syn: an empty .syn file");
    } else if (d.options.count("synwordcount")) {
        problem("ifo: synwordcount without a .syn file");
    }
    for (const auto& p : d.dict.problems) problem(p);
    for (std::size_t i = 0; i < d.index.size(); ++i) {
        const auto& e = d.index[i];
        if (e.word.empty() || e.word.size() >= 256) problem("idx: word " + std::to_string(i) + " has a bad length");
        if (i > 0 && stardict_strcmp(d.index[i - 1].word, e.word) > 0)
            problem("idx: \"" + e.word + "\" is out of order");
        if (static_cast<std::uint64_t>(e.offset) + e.size > d.dict.data.size())
            problem("idx: \"" + e.word + "\" points outside the dictionary");
        if (d.options["sametypesequence"] == "m" && article(d, e).find('\0') != std::string::npos)
            problem("dict: the article of \"" + e.word + "\" holds a NUL");
    }
    for (std::size_t i = 0; i < d.synonyms.size(); ++i) {
        const auto& s = d.synonyms[i];
        if (s.word.empty() || s.word.size() >= 256) problem("syn: word " + std::to_string(i) + " has a bad length");
        if (s.index >= d.index.size()) problem("syn: \"" + s.word + "\" points past the index");
        if (i > 0) {
            const auto& before = d.synonyms[i - 1];
            int order = stardict_strcmp(before.word, s.word);
            if (order > 0 || (order == 0 && before.index > s.index)) problem("syn: \"" + s.word + "\" is out of order");
            if (order == 0 && before.index == s.index) problem("syn: \"" + s.word + "\" is listed twice");
        }
    }
    return problems;
}

std::string dump(const std::string& packed) {
    Dictionary d = open(packed);
    std::string out = "== glossary.ifo ==\n" + d.files["glossary.ifo"];
    out += "== glossary.dict.dz ==\n";
    out += "mtime " + std::to_string(d.dict.mtime) + ", flags " + std::to_string(d.dict.flags) + ", os " +
           std::to_string(d.dict.os) + ", chunk length " + std::to_string(d.dict.chunk_length) + ", " +
           std::to_string(d.dict.chunk_sizes.size()) + " chunk(s), " + std::to_string(d.dict.data.size()) +
           " bytes of articles\n";
    for (const auto& p : d.dict.problems) out += "PROBLEM " + p + "\n";
    out += "== glossary.idx ==\n";
    for (const auto& e : d.index)
        out += e.word + "\t" + std::to_string(e.offset) + "\t" + std::to_string(e.size) + "\n";
    out += "== glossary.syn ==\n";
    for (const auto& s : d.synonyms)
        out += s.word + "\t-> " + std::to_string(s.index) +
               (s.index < d.index.size() ? " (" + d.index[s.index].word + ")" : std::string(" (?)")) + "\n";
    for (const auto& e : d.index) out += "== article: " + e.word + " ==\n" + article(d, e) + "\n";
    return out;
}

}  // namespace glossc::testing::stardict
