# Writes a gzip'ed manual page from a program's --help and --version with
# help2man. Run by packaging/CMakeLists.txt as
#   cmake -DHELP2MAN=... -DWRAPPER=... -DPROGRAM=... -DNAME=... -DINCLUDE=...
#         -DSOURCE_DATE_EPOCH=... -DOUTPUT=.../page.1.gz -P GenerateManPage.cmake
# WRAPPER runs PROGRAM (passed as $MLPS_PROGRAM) and shapes its help for
# help2man; SOURCE_DATE_EPOCH (the release date) dates the page.
foreach(var HELP2MAN WRAPPER PROGRAM NAME INCLUDE OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "GenerateManPage.cmake: ${var} is not set")
  endif()
endforeach()
set(ENV{MLPS_PROGRAM} "${PROGRAM}")
if(SOURCE_DATE_EPOCH)
  set(ENV{SOURCE_DATE_EPOCH} "${SOURCE_DATE_EPOCH}")
endif()
# help2man's own messages and the page's text in English, whatever the locale.
set(ENV{LC_ALL} C.UTF-8)
string(REGEX REPLACE "\\.gz$" "" page "${OUTPUT}")
# help2man runs the wrapper itself: use a copy that is surely executable.
get_filename_component(outdir "${OUTPUT}" DIRECTORY)
get_filename_component(wrapper_name "${WRAPPER}" NAME)
file(COPY "${WRAPPER}" DESTINATION "${outdir}/help2man"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(WRAPPER "${outdir}/help2man/${wrapper_name}")
execute_process(
  COMMAND "${HELP2MAN}" --no-info --section 1 --name "${NAME}" --include "${INCLUDE}"
          --output "${page}" "${WRAPPER}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "help2man failed for ${PROGRAM} (${result})")
endif()
# -n: no file name or time stamp in the header, so the page is reproducible.
file(REMOVE "${OUTPUT}")
execute_process(COMMAND gzip -9n "${page}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "gzip failed for ${page} (${result})")
endif()
