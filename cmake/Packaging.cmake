# CPack: the Debian package (cpack -G DEB in the build folder gives
# mlp-studio_<version>_<arch>.deb) and the source tarball
# (cpack --config CPackSourceConfig.cmake gives mlp-studio-<version>.tar.xz).
# Included from packaging/CMakeLists.txt, which sets MLPS_MAINTAINER.
# The version is project(VERSION)'s.

set(CPACK_PACKAGE_NAME "mlp-studio")
set(CPACK_PACKAGE_VENDOR "The MLP Studio developers")
set(CPACK_PACKAGE_CONTACT "${MLPS_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "studio for designing and training dense neural networks")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "MLP Studio turns the classic lab exercise of building a fully connected\n"
  "neural network for small-image classification (notMNIST, the letters A to J)\n"
  "into a visual, instant and reproducible workflow that runs on a laptop CPU:\n"
  "open a dataset in the form you have it, design the network, train it with\n"
  "SGD, momentum, Adam or RMSprop and a learning-rate schedule, watch the\n"
  "curves, and understand the result with per-class metrics and a confusion\n"
  "matrix.\n"
  ".\n"
  "This package holds the desktop studio (mlp-studio) and its headless\n"
  "command-line front end for scripted experiments (mlp-studio-cli).")
set(CPACK_GENERATOR "DEB")
# Installed files are stripped (the symbols are of no use to users).
set(CPACK_STRIP_FILES ON)
# Folders 0755 whatever the umask of whoever runs cpack.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
  OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# Debian
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MLPS_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The run-time dependencies come from the executables' shared libraries
# (dpkg-shlibdeps, package dpkg-dev); Qt's Wayland platform is recommended
# for Wayland sessions (without it Qt falls back to X11 through Xwayland).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")

# Source tarball: the source tree without build folders, Git data and editor
# files. The patterns are anchored at the source folder, so a checkout that
# itself lies below a folder named build... is still packaged.
set(CPACK_SOURCE_GENERATOR "TXZ")
set(CPACK_SOURCE_PACKAGE_FILE_NAME "mlp-studio-${PROJECT_VERSION}")
string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" mlps_source_re "${PROJECT_SOURCE_DIR}")
set(CPACK_SOURCE_IGNORE_FILES
  "^${mlps_source_re}/build[^/]*/"
  "^${mlps_source_re}/\\.git/"
  "^${mlps_source_re}/\\.git$"
  "^${mlps_source_re}/\\.cache/"
  "/__pycache__/"
  "/_CPack_Packages/"
  "\\.user$"
  "~$"
  "\\.swp$")
if(NOT PROJECT_BINARY_DIR STREQUAL PROJECT_SOURCE_DIR)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" mlps_binary_re "${PROJECT_BINARY_DIR}")
  list(APPEND CPACK_SOURCE_IGNORE_FILES "^${mlps_binary_re}/")
endif()

include(CPack)
