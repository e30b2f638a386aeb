import javax.xml.xpath.*;

class Props {
    private static final String ALL_GROUPS = "//propertyGroup";

    Object find(XPath xpath, String group, Object doc, String expression) throws Exception {
        // ruleid: java-xpath-injection
        XPathExpression xpr = xpath.compile("//propertyGroup[@name='" + group + "']");
        // ok: java-xpath-injection
        XPathExpression fixed = xpath.compile("//propertyGroup[@name=$group]");
        // ok: java-xpath-injection
        java.util.regex.Pattern p = Pattern.compile("^" + group + "$");
        // ruleid: java-xpath-injection
        Object node = xpath.evaluate(expression, doc, XPathConstants.NODE);
        // ok: java-xpath-injection
        Object all = xpath.evaluate(ALL_GROUPS, doc, XPathConstants.NODESET);
        // ruleid: java-xpath-injection
        String user = XPathFactory.newInstance().newXPath().evaluate("/users/user[name='" + group + "']/id", doc);
        return xpr.evaluate(doc);
    }
}
