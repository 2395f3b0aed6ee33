# poppler, two ways. ingest/src/extract_pdf.cpp reads poppler's word list
# from its core library (TextOutputDev.h and friends, Debian's
# libpoppler-private-dev): poppler-cpp's text_list copies each word and glyph
# and cost a third of extraction time. Those headers are not a stable API, so
# the version is checked here; extract_pdf.cpp is written against 22.x
# (Debian 12 ships 22.12). bench/extract_floor keeps poppler-cpp: it measures
# the public API as the anchor.
pkg_check_modules(POPPLER REQUIRED IMPORTED_TARGET poppler)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
find_file(POPPLER_TEXT_OUTPUT_DEV_H TextOutputDev.h PATHS ${POPPLER_INCLUDE_DIRS} NO_DEFAULT_PATH)
if(NOT POPPLER_TEXT_OUTPUT_DEV_H)
  message(FATAL_ERROR "poppler's core headers (TextOutputDev.h) are missing from ${POPPLER_INCLUDE_DIRS}: "
                      "install libpoppler-private-dev (scripts/install-deps.sh does)")
endif()
if(POPPLER_VERSION VERSION_LESS 22.0 OR POPPLER_VERSION VERSION_GREATER_EQUAL 23.0)
  message(WARNING "poppler ${POPPLER_VERSION}: ingest/src/extract_pdf.cpp uses poppler's private headers and was "
                  "written against 22.x; if it fails to build, see docs/ingest.md (\"poppler\")")
endif()
