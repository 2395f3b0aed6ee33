#include "pdf_module.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "scrutiny/install_path.h"

namespace scrutiny {
namespace {

std::string g_loaded_path;

std::vector<std::string> candidate_paths() {
  if (const char* env = std::getenv("SCRUTINY_PDF_MODULE"); env && *env) return {env};
  std::vector<std::string> out;
  const auto installed = beside_executable(std::string("../lib/scrutiny/") + kPdfModuleFile);
  if (!installed.empty()) out.push_back(installed.string());
#ifdef SCRUTINY_PDF_MODULE_BUILD_PATH
  if (out.empty() || out.front() != SCRUTINY_PDF_MODULE_BUILD_PATH) out.push_back(SCRUTINY_PDF_MODULE_BUILD_PATH);
#endif
  return out;
}

Result<const PdfModule*> open_module(const std::string& path) {
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return Error{"cannot load the PDF extractor: " + std::string(::dlerror())};
  auto entry = reinterpret_cast<const PdfModule* (*)()>(::dlsym(handle, kPdfModuleEntry));
  if (!entry) return Error{"the PDF extractor " + path + " is from another version of scrutiny (no " + kPdfModuleEntry + ")"};
  const PdfModule* module = entry();
  if (module->extracted_text_size != sizeof(ExtractedText) || module->text_block_size != sizeof(TextBlock))
    return Error{"the PDF extractor " + path + " is from another build of scrutiny (rebuild or reinstall both)"};
  g_loaded_path = path;
  return module;
}

Result<const PdfModule*> load() {
  std::string tried;
  for (const std::string& path : candidate_paths()) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return open_module(path);
    tried += (tried.empty() ? "" : ", ") + path;
  }
  return Error{"cannot find the PDF extractor " + std::string(kPdfModuleFile) + " (looked in " + tried +
               "; set SCRUTINY_PDF_MODULE to its path)"};
}

}  // namespace

Result<const PdfModule*> load_pdf_module() {
  static const Result<const PdfModule*> module = load();  // thread-safe, once
  return module;
}

std::string loaded_pdf_module_path() { return g_loaded_path; }

Status pdf_extractor_ready() {
  auto module = load_pdf_module();
  if (!module.ok()) return Error{module.error()};
  return Status::Ok();
}

Result<ExtractedText> extract_pdf(std::string_view bytes) {
  auto module = load_pdf_module();
  if (!module.ok()) return Error{module.error()};
  return module.value()->extract(bytes);
}

}  // namespace scrutiny
