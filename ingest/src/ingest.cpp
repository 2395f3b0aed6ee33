// ingest_file / ingest_bytes: read -> sniff -> extract -> split -> metadata
// -> themes. Every expected failure is an Error with a one-line reason.
#include "scrutiny/ingest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "scrutiny/extract.h"
#include "scrutiny/metadata.h"
#include "scrutiny/passage_splitter.h"
#include "scrutiny/taxonomy.h"

namespace scrutiny {
namespace {

std::string hex_digest(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

Error read_error(int err) { return Error{std::string("cannot read: ") + std::strerror(err)}; }

struct FileBytes {
  std::string bytes;
  std::int64_t mtime = 0;
};

Result<FileBytes> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return read_error(errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return read_error(err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return read_error(EISDIR);
  }
  FileBytes f;
  f.mtime = static_cast<std::int64_t>(st.st_mtime);
  if (S_ISREG(st.st_mode) && st.st_size > 0) f.bytes.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return read_error(err);
    }
    f.bytes.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return f;
}

// The first heading, when the file gives no title.
std::string first_heading(const ExtractedText& text) {
  for (const TextBlock& b : text.blocks)
    if (b.heading) return b.text;
  return {};
}

Result<Document> analyse(std::string_view bytes, const std::string& source, const IngestOptions& options,
                         std::optional<std::int64_t> mtime) {
  if (bytes.empty()) return Error{"empty file (0 bytes)"};
  Result<ExtractedText> text = extract_bytes(bytes, source);
  if (!text) return Error{text.error()};
  Document doc;
  doc.source = source;
  doc.format = text->format;
  doc.doc_id = hex_digest(bytes);
  doc.title = !text->title.empty() ? text->title : first_heading(text.value());
  doc.pages = text->pages;
  doc.passages = PassageSplitter().split(text.value());
  if (doc.passages.empty()) return Error{"no text passages found"};
  if (!doc.title.empty() && text->info.count("Title") && doc.title == text->info.at("Title"))
    doc.provenance["title"] = "pdf-info";

  std::optional<MetadataHints> hints = options.hints;
  if (!hints && options.read_sidecar && mtime) {
    Result<std::optional<MetadataHints>> sidecar = load_sidecar(source);
    if (!sidecar) return Error{sidecar.error()};
    hints = sidecar.value();
  }
  analyse_metadata(doc, text.value(), hints, mtime);
  if (options.taxonomy) options.taxonomy->classify_document(doc);
  return doc;
}

}  // namespace

Result<Document> ingest_file(const std::string& path, const IngestOptions& options) {
  Result<FileBytes> file = read_file(path);
  if (!file) return Error{file.error()};
  return analyse(file->bytes, path, options, file->mtime);
}

Result<Document> ingest_bytes(std::string_view bytes, const std::string& source, const IngestOptions& options) {
  return analyse(bytes, source, options, std::nullopt);
}

}  // namespace scrutiny
