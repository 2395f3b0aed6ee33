#include "scrutiny/install_path.h"

namespace scrutiny {

std::filesystem::path beside_executable(std::string_view relative) {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return (exe.parent_path() / relative).lexically_normal();
}

}  // namespace scrutiny
