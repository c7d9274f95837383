// Looking into an EPUB the way a reading system or epubcheck does,
// independently of the backend's own reader: its zip members, the XHTML
// parsed as XML, the links in it, and Debian's epubcheck. Also a canonical
// text dump of a book for the golden test.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace glossc::testing::epub {

struct Member {
    std::string name;
    std::string bytes;
    bool stored = false;
};

// The members in archive order (throws on a bad zip).
std::vector<Member> members(const std::string& epub);
std::map<std::string, std::string> files(const std::string& epub);  // name -> bytes

// Every member in order, "== name (stored|deflated, N bytes) ==" and its
// text: what the golden file holds (every member of our EPUB is text).
std::string dump(const std::string& epub);

// Internal links whose target file or fragment id does not exist, as
// "file: href" lines: hrefs of <a>, <link> and the search key map, resolved
// against the linking file's folder; remote URLs are not followed.
std::vector<std::string> broken_links(const std::string& epub);

struct EpubcheckResult {
    bool available = false;  // java and the epubcheck jar are installed
    int status = -1;
    std::string output;
    std::vector<std::string> problems;  // FATAL, ERROR and WARNING lines
};

// Runs `java -jar /usr/share/java/epubcheck.jar` on the book.
EpubcheckResult epubcheck(const std::string& epub);

}  // namespace glossc::testing::epub
