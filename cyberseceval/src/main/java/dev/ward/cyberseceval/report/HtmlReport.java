package dev.ward.cyberseceval.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.cyberseceval.benchmark.Benchmark;
import dev.ward.cyberseceval.benchmark.Records;
import dev.ward.cyberseceval.benchmark.StatRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A self-contained HTML report of a run: the run's facts, a bar chart of the headline number per
 * group with one bar per model (raw and guarded side by side when the run went through a Ward
 * proxy), the table, and the full stats JSON. Styles, data and the chart code are inline; the
 * page loads nothing from the network. The table is plain HTML, so the numbers read even with
 * scripts off; the chart is drawn as SVG by the inline script, which marks the body with
 * {@code data-charts} once done.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static void write(Path file, Benchmark benchmark, ObjectNode stats, ObjectNode info)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(benchmark, stats, info), StandardCharsets.UTF_8);
  }

  static String render(Benchmark benchmark, ObjectNode stats, ObjectNode info) {
    List<StatRow> rows = benchmark.rows(stats);
    ObjectNode data = Records.JSON.createObjectNode();
    data.put("headline", benchmark.headline()).put("higherIsBetter", benchmark.higherIsBetter())
        .put("percent", benchmark.headline().contains("%"));
    ArrayNode rowData = data.putArray("rows");
    Set<String> models = new LinkedHashSet<>();
    for (StatRow row : rows) {
      models.add(row.model());
      rowData.addObject().put("group", row.group()).put("model", row.model())
          .put("value", row.value()).put("count", row.count()).put("failed", row.failed());
    }
    data.putArray("models").addAll(models.stream()
        .map(m -> Records.JSON.getNodeFactory().textNode(m)).toList());
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Ward CyberSecEval: ").append(escape(benchmark.name())).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<h1>CyberSecEval: ").append(escape(benchmark.name())).append("</h1>\n")
        .append("<dl class=\"facts\">");
    info.properties().forEach(e -> html.append("<dt>").append(escape(e.getKey()))
        .append("</dt><dd>").append(escape(e.getValue().isTextual() ? e.getValue().asText()
            : e.getValue().toString())).append("</dd>"));
    html.append("</dl>\n<h2>").append(escape(benchmark.headline())).append(" (")
        .append(benchmark.higherIsBetter() ? "higher is better" : "lower is better")
        .append(")</h2>\n<div id=\"legend\"></div>\n<div id=\"chart\"></div>\n")
        .append("<h2>Table</h2>\n<table>\n<thead><tr><th></th>");
    for (String model : models) {
      html.append("<th>").append(escape(model)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    Set<String> groups = new LinkedHashSet<>();
    rows.forEach(r -> groups.add(r.group()));
    boolean percent = benchmark.headline().contains("%");
    for (String group : groups) {
      html.append("<tr><th>").append(escape(group)).append("</th>");
      for (String model : models) {
        StatRow row = rows.stream().filter(r -> r.group().equals(group) && r.model().equals(model))
            .findFirst().orElse(null);
        html.append("<td>").append(row == null ? "-" : escape(TerminalTable.cell(row, percent)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n<h2>Stats</h2>\n<pre id=\"stats\">")
        .append(escape(stats.toPrettyString())).append("</pre>\n")
        .append("<script id=\"data\" type=\"application/json\">")
        .append(data.toString().replace("</", "<\\/")).append("</script>\n")
        .append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String STYLE = """
      body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
      h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em}
      .facts{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
      .facts dt{font-weight:600}.facts dd{margin:0}
      table{border-collapse:collapse}th,td{padding:.3em .7em;border-bottom:1px solid #ddd}
      td{text-align:right;font-variant-numeric:tabular-nums}thead th{text-align:right}
      pre{background:#f6f6f6;padding:1em;overflow:auto;max-height:30em}
      #legend span{display:inline-block;margin-right:1.2em}
      #legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
      svg text{font:12px system-ui,sans-serif;fill:#333}
      """;

  /** Draws the grouped bar chart from the embedded data, with DOM calls only (no innerHTML). */
  private static final String SCRIPT = """
      (function () {
        var data = JSON.parse(document.getElementById('data').textContent);
        var palette = ['#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#76b7b2', '#b07aa1', '#9c755f', '#edc948'];
        var ns = 'http://www.w3.org/2000/svg';
        function el(name, attrs, text) {
          var e = document.createElementNS(ns, name);
          for (var k in attrs) e.setAttribute(k, attrs[k]);
          if (text !== undefined) e.textContent = text;
          return e;
        }
        var groups = [];
        data.rows.forEach(function (r) { if (groups.indexOf(r.group) < 0) groups.push(r.group); });
        var max = data.percent ? 100 : Math.max(1, Math.max.apply(null, data.rows.map(function (r) { return r.value; })));
        var legend = document.getElementById('legend');
        data.models.forEach(function (m, i) {
          var span = document.createElement('span');
          var swatch = document.createElement('i');
          swatch.style.background = palette[i % palette.length];
          span.appendChild(swatch);
          span.appendChild(document.createTextNode(m));
          legend.appendChild(span);
        });
        var barWidth = 18, gap = 14, left = 60, top = 10, height = 220;
        var groupWidth = data.models.length * barWidth + gap;
        var width = left + groups.length * groupWidth + 20;
        var svg = el('svg', {'class': 'chart', width: width, height: height + 120, role: 'img'});
        svg.appendChild(el('title', {}, data.headline));
        for (var t = 0; t <= 4; t++) {
          var v = max * t / 4, y = top + height - height * t / 4;
          svg.appendChild(el('line', {x1: left - 4, x2: width, y1: y, y2: y, stroke: '#ddd'}));
          svg.appendChild(el('text', {x: left - 8, y: y + 4, 'text-anchor': 'end'}, data.percent ? v.toFixed(0) : v.toFixed(2)));
        }
        var bars = 0;
        groups.forEach(function (g, gi) {
          var x0 = left + gi * groupWidth;
          data.models.forEach(function (m, mi) {
            var row = data.rows.filter(function (r) { return r.group === g && r.model === m; })[0];
            if (!row) return;
            var h = Math.max(0, Math.min(1, row.value / max)) * height;
            var rect = el('rect', {'class': 'bar', x: x0 + mi * barWidth, y: top + height - h,
              width: barWidth - 2, height: h, fill: palette[mi % palette.length]});
            rect.appendChild(el('title', {}, m + ' / ' + g + ': ' + row.value + (row.count >= 0 ? ' (n=' + row.count + ')' : '')));
            svg.appendChild(rect);
            bars++;
          });
          var label = el('text', {x: x0 + groupWidth / 2 - gap / 2, y: top + height + 14,
            transform: 'rotate(35 ' + (x0 + groupWidth / 2 - gap / 2) + ' ' + (top + height + 14) + ')'}, g);
          svg.appendChild(label);
        });
        document.getElementById('chart').appendChild(svg);
        document.body.setAttribute('data-charts', '1');
        document.body.setAttribute('data-bars', String(bars));
      })();
      """;
}
