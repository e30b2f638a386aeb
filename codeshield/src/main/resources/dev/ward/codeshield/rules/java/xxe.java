import javax.xml.parsers.*;
import javax.xml.stream.XMLInputFactory;
import org.xml.sax.helpers.XMLReaderFactory;

class Xml {
    Object parse(InputStream in) throws Exception {
        // ruleid: java-xxe
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        DocumentBuilderFactory safe = DocumentBuilderFactory.newInstance();
        safe.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // ruleid: java-xxe
        SAXParser parser = SAXParserFactory.newInstance().newSAXParser();
        // ruleid: java-xxe
        XMLReader reader = XMLReaderFactory.createXMLReader();
        reader.parse(new InputSource(in));
        XMLInputFactory xif = XMLInputFactory.newFactory();
        // ruleid: java-xml-entities-enabled
        xif.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, true);
        // ruleid: java-xml-entities-enabled
        xif.setProperty("javax.xml.stream.isSupportingExternalEntities", Boolean.TRUE);
        DocumentBuilderFactory lax = DocumentBuilderFactory.newInstance();
        // ruleid: java-xml-entities-enabled
        lax.setFeature("https://apache.org/xml/features/disallow-doctype-decl", false);
        // ruleid: java-xml-entities-enabled
        lax.setFeature("http://xml.org/sax/features/external-general-entities", true);
        // ok: java-xml-entities-enabled
        lax.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        return dbf;
    }
}
