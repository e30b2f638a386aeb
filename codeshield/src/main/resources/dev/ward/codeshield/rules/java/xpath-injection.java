import javax.xml.xpath.*;

class Props {
    Object find(XPath xpath, String group, Object doc) throws Exception {
        // ruleid: java-xpath-injection
        XPathExpression xpr = xpath.compile("//propertyGroup[@name='" + group + "']");
        // ok: java-xpath-injection
        XPathExpression fixed = xpath.compile("//propertyGroup[@name=$group]");
        // ok: java-xpath-injection
        java.util.regex.Pattern p = Pattern.compile("^" + group + "$");
        return xpr.evaluate(doc);
    }
}
