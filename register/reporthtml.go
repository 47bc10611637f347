package register

import (
	"bytes"
	"html/template"
	"strings"
)

// reportHTML is the printable report: one page, inline CSS, no scripts,
// no outside resources. html/template escapes every value.
var reportHTML = template.Must(template.New("report.html").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font: 11pt/1.45 system-ui, sans-serif; color: #111; max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #999; margin-top: 1.8em; }
h3 { font-size: 1.1em; margin-top: 1.4em; }
h4 { font-size: 1em; margin: 1em 0 0.3em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.15em 0.6em 0.15em 0; border-bottom: 1px solid #ddd; }
th { width: 14em; font-weight: normal; color: #444; }
td, pre { white-space: pre-wrap; overflow-wrap: anywhere; }
pre { font: 10pt/1.4 ui-monospace, monospace; background: #f4f4f4; padding: 0.6em; }
.note { font-weight: bold; }
.sub { color: #444; margin-top: 0; }
@media print { body { margin: 0; max-width: none; } h2, h3 { break-after: avoid; } pre { background: none; border: 1px solid #ccc; } }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
<table>
{{range .Head}}<tr><th>{{.K}}</th><td>{{.V}}</td></tr>
{{end}}</table>
<h2>{{.ContentsHeading}}</h2>
<ul>
{{range .Contents}}<li><code>{{.K}}</code> — {{.V}}</li>
{{end}}</ul>
<p>{{.Others}}</p>
<h2>{{.DataHeading}}</h2>
{{range .Entries}}<h3>{{.Heading}}</h3>
{{range .Notes}}<p class="note">{{.}}</p>
{{end}}{{range .Groups}}<h4>{{.Title}}</h4>
<table>
{{range .Rows}}<tr><th>{{.K}}</th><td>{{.V}}</td></tr>
{{end}}</table>
{{end}}<h4>{{.ChangesHeading}}</h4>
{{if .Changes}}<ul>
{{range .Changes}}<li>{{.}}</li>
{{end}}</ul>
{{else}}<p>{{.NoChanges}}</p>
{{end}}{{end}}<h2>{{.MessagesHeading}}</h2>
{{range .Messages}}<h3>{{.Heading}}</h3>
<p>{{.Subject.K}}: {{.Subject.V}}</p>
<pre>{{.Text}}</pre>
{{else}}<p>{{.NoMessages}}</p>
{{end}}{{.NoticeHTML}}
</body>
</html>
`))

// html writes the report as one printable HTML page.
func (doc reportDoc) html() ([]byte, error) {
	var b bytes.Buffer
	err := reportHTML.Execute(&b, struct {
		reportDoc
		NoticeHTML template.HTML
	}{doc, noticeHTML(doc.Notice)})
	return b.Bytes(), err
}

// noticeHTML turns the notice's Markdown into HTML. It knows headings
// (#, ##, ###…), list items ("- ") and paragraphs; everything else is text,
// escaped, shown as written.
func noticeHTML(md string) template.HTML {
	var b strings.Builder
	var para []string
	inList := false
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + template.HTMLEscapeString(strings.Join(para, " ")) + "</p>\n")
			para = nil
		}
	}
	endList := func() {
		if inList {
			b.WriteString("</ul>\n")
			inList = false
		}
	}
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimRight(line, " \t\r")
		level := len(line) - len(strings.TrimLeft(line, "#"))
		switch {
		case strings.TrimSpace(line) == "":
			flush()
			endList()
		case level >= 1 && level <= 6 && strings.HasPrefix(line[level:], " "):
			flush()
			endList()
			tag := "h" + string(rune('0'+level))
			b.WriteString("<" + tag + ">" + template.HTMLEscapeString(strings.TrimSpace(line[level:])) + "</" + tag + ">\n")
		case strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* "):
			flush()
			if !inList {
				b.WriteString("<ul>\n")
				inList = true
			}
			b.WriteString("<li>" + template.HTMLEscapeString(strings.TrimSpace(line[2:])) + "</li>\n")
		default:
			endList()
			para = append(para, strings.TrimSpace(line))
		}
	}
	flush()
	endList()
	return template.HTML(b.String())
}
