#include <libxml/parser.h>

xmlDocPtr load(const char *path, const xmlChar *text) {
    // ruleid: c-libxml2-external-entities
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NOENT | XML_PARSE_NONET);
    // ruleid: c-libxml2-external-entities
    xmlDocPtr doc2 = xmlReadDoc(text, NULL, NULL, XML_PARSE_DTDLOAD);
    // ruleid: c-libxml2-external-entities
    xmlSubstituteEntitiesDefault(1);
    // ok: c-libxml2-external-entities
    xmlDocPtr safe = xmlReadFile(path, NULL, XML_PARSE_NONET);
    int options = XML_PARSE_NONET;
    // ok: c-libxml2-external-entities
    options &= ~XML_PARSE_NOENT;
    return doc;
}
