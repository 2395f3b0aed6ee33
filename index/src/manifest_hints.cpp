#include "scrutiny/manifest_hints.h"

namespace scrutiny {

Result<std::map<std::string, MetadataHints>> load_manifest_hints(const std::string& csv_path) {
  // Waits for metadata.h's load_manifest (corpus); until then a manifest is refused
  // rather than silently ignored.
  return Error{"cannot use manifest " + csv_path + ": manifest loading is not built in yet"};
}

}  // namespace scrutiny
