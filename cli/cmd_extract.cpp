// scrutiny extract [--format json|text] [--taxonomy FILE] FILE: the analysed
// document (metadata, passages, themes) without touching an index.
#include <iostream>

#include "command.h"
#include "scrutiny/document_json.h"
#include "scrutiny/ingest.h"
#include "scrutiny/taxonomy.h"

namespace scrutiny::cli {
namespace {

struct ExtractArgs {
  std::string file;
  std::string format = "json";
  std::string taxonomy;
};

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

void print_text(const Document& d) {
  std::cout << "title:  " << or_dash(d.title) << "\n"
            << "source: " << d.source << "\n"
            << "format: " << d.format << (d.pages > 0 ? "  pages: " + std::to_string(d.pages) : std::string()) << "\n"
            << "type:   " << or_dash(d.type) << "  date: " << (d.date ? *d.date : "-") << "  body: " << or_dash(d.body)
            << "\n";
  if (!d.authority.empty()) std::cout << "authority: " << d.authority << "\n";
  if (!d.judgement.empty()) std::cout << "judgement: " << d.judgement << "\n";
  std::cout << "doc_id: " << d.doc_id << "\n";
  for (const Passage& p : d.passages) {
    std::cout << "\n[";
    if (p.page > 0) std::cout << "p." << p.page;
    std::cout << "]";
    if (!p.section.empty()) std::cout << " " << p.section;
    if (!p.themes.empty()) {
      std::cout << " {";
      for (size_t i = 0; i < p.themes.size(); ++i) std::cout << (i ? "," : "") << p.themes[i];
      std::cout << (p.polarity != Polarity::neutral ? std::string("; ") + to_string(p.polarity) : "") << "}";
    }
    std::cout << "\n" << (p.list_item ? "- " : "") << p.text << "\n";
  }
}

int run(const ExtractArgs& a) {
  // The default taxonomy is optional (no themes without it); a named one must load.
  const std::string path = a.taxonomy.empty() ? Taxonomy::default_path() : a.taxonomy;
  Result<Taxonomy> taxonomy = Taxonomy::load_file(path);
  if (!taxonomy && !a.taxonomy.empty()) return fail(taxonomy.error());
  IngestOptions options;
  if (taxonomy) options.taxonomy = &taxonomy.value();
  Result<Document> doc = ingest_file(a.file, options);
  if (!doc) return fail(a.file + ": " + doc.error(), kSomeFailed);
  if (a.format == "text") print_text(doc.value());
  else std::cout << document_json(doc.value()).dump(2) << "\n";
  return kOk;
}

const CommandRegistration kExtract{
    "extract", "Print one file's analysed document (metadata and passages) without indexing it",
    [](CLI::App& app) -> std::function<int()> {
      auto args = std::make_shared<ExtractArgs>();
      app.add_option("--format", args->format, "json or text")
          ->check(CLI::IsMember({"json", "text"}))
          ->capture_default_str();
      app.add_option("--taxonomy", args->taxonomy, "Theme taxonomy file (default: " + Taxonomy::default_path() + ")");
      app.add_option("FILE", args->file, "PDF, HTML or text file")->required();
      return [args] { return run(*args); };
    }};

}  // namespace
}  // namespace scrutiny::cli
