import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.stream.XMLInputFactory

fun factories() {
    val xif = XMLInputFactory.newFactory()
    // ruleid: java-xml-entities-enabled
    xif.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, true)
    val dbf = DocumentBuilderFactory.newInstance()
    // ruleid: java-xml-entities-enabled
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false)
    // ok: java-xml-entities-enabled
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)
}
