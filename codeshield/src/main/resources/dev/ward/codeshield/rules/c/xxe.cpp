#include <libxml/parser.h>
#include <string>

xmlDocPtr Parse(const std::string &xml) {
  // ruleid: c-libxml2-external-entities
  int opts = XML_PARSE_NOENT;
  // ruleid: c-libxml2-external-entities
  return xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "in.xml", nullptr, opts | XML_PARSE_DTDLOAD);
}
