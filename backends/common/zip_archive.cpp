#include "common/zip_archive.hpp"

#include <ctime>
#include <memory>
#include <stdexcept>

#include <zip.h>

namespace glossc::zip {

namespace {

[[noreturn]] void fail(const std::string& what, zip_error_t* error) {
    std::string message = what + ": " + (error ? zip_error_strerror(error) : "unknown error");
    throw std::runtime_error(message);
}

}  // namespace

std::string write_archive(const std::vector<Member>& members, std::int64_t timestamp) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) fail("cannot create zip buffer", &error);
    zip_source_keep(buffer);  // we read the finished archive from it after zip_close
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!archive) {
        zip_source_free(buffer);
        fail("cannot open zip buffer", &error);
    }
    // DOS times cannot go below 1980; clamp so a zero SOURCE_DATE_EPOCH still works.
    time_t mtime = static_cast<time_t>(timestamp < 315532800 ? 315532800 : timestamp);
    for (const auto& member : members) {
        zip_source_t* data = zip_source_buffer(archive, member.bytes.data(), member.bytes.size(), 0);
        if (!data) fail("cannot add " + member.name, zip_get_error(archive));
        zip_int64_t index = zip_file_add(archive, member.name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(data);
            fail("cannot add " + member.name, zip_get_error(archive));
        }
        auto i = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(archive, i, member.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) < 0 ||
            zip_file_set_mtime(archive, i, mtime, 0) < 0)
            fail("cannot set attributes of " + member.name, zip_get_error(archive));
    }
    if (zip_close(archive) < 0) {
        std::string message = zip_strerror(archive);
        zip_discard(archive);
        zip_source_free(buffer);
        throw std::runtime_error("cannot write zip: " + message);
    }
    std::string out;
    zip_stat_t stat;
    if (zip_source_stat(buffer, &stat) < 0 || zip_source_open(buffer) < 0) {
        zip_source_free(buffer);
        throw std::runtime_error("cannot read back the zip buffer");
    }
    out.resize(static_cast<std::size_t>(stat.size));
    zip_int64_t read = zip_source_read(buffer, out.data(), stat.size);
    zip_source_close(buffer);
    zip_source_free(buffer);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) throw std::runtime_error("short read of the zip buffer");
    return out;
}

std::vector<Member> read_archive(std::string_view bytes) {
    // libzip opens an empty buffer as an empty archive; a real one has at
    // least its 22-byte end-of-central-directory record.
    if (bytes.size() < 22) throw std::runtime_error("not a zip archive: too short");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) fail("cannot read zip", &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive) {
        zip_source_free(source);
        fail("not a zip archive", &error);
    }
    std::unique_ptr<zip_t, decltype(&zip_discard)> guard(archive, zip_discard);
    std::vector<Member> members;
    zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) < 0) fail("cannot stat member", zip_get_error(archive));
        if (stat.size > (std::uint64_t{1} << 31)) throw std::runtime_error("zip member too large");
        zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        if (!file) fail("cannot open member", zip_get_error(archive));
        Member member{stat.name, std::string(static_cast<std::size_t>(stat.size), '\0'), stat.comp_method == ZIP_CM_STORE};
        zip_int64_t n = zip_fread(file, member.bytes.data(), stat.size);
        zip_fclose(file);
        if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size) throw std::runtime_error("short read of zip member " + member.name);
        members.push_back(std::move(member));
    }
    return members;
}

}  // namespace glossc::zip
