// Package mailgen generates realistic mailboxes for benchmarks: ordinary
// business mail in Finnish, Swedish and English with a share of
// data-subject requests among it. Of the messages, about 80% are plain text
// of 2–10 KB, 15% HTML (multipart/alternative) and 5% carry an attachment
// of 100–500 KB. The output depends only on the seed.
package mailgen

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Kind is a message's shape.
type Kind string

const (
	Plain      Kind = "plain"      // text/plain, 2–10 KB
	HTML       Kind = "html"       // multipart/alternative with text and HTML
	Attachment Kind = "attachment" // multipart/mixed with a 100–500 KB file
)

// RequestShare is the share of data-subject requests among the messages.
const RequestShare = 0.05

// Mail is one generated message.
type Mail struct {
	Kind    Kind
	Lang    string // "fi", "sv" or "en"
	Request bool   // a data-subject request
	Date    time.Time
	Raw     []byte // CRLF line endings
}

// epoch anchors the dates, so that output does not depend on the clock.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Generate yields n messages for seed; message i is the same whatever n.
func Generate(n int, seed uint64) iter.Seq[Mail] {
	return func(yield func(Mail) bool) {
		for i := range n {
			if !yield(One(seed, i)) {
				return
			}
		}
	}
}

// One returns message i for seed.
func One(seed uint64, i int) Mail {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	m := Mail{Kind: Plain, Lang: "fi"}
	switch k := r.Float64(); {
	case k < 0.05:
		m.Kind = Attachment
	case k < 0.20:
		m.Kind = HTML
	}
	switch l := r.Float64(); {
	case l < 0.25:
		m.Lang = "sv"
	case l < 0.55:
		m.Lang = "en"
	}
	m.Request = r.Float64() < RequestShare
	m.Date = epoch.Add(-time.Duration(r.Int64N(int64(365 * 24 * time.Hour))))
	m.Raw = build(r, i, m)
	return m
}

// build writes the message's headers and body.
func build(r *rand.Rand, i int, m Mail) []byte {
	t := texts[m.Lang]
	first, last := pick(r, t.first), pick(r, t.last)
	from := strings.ToLower(fold(first) + "." + fold(last))
	domain := pick(r, t.domains)

	var subject string
	var text []string // paragraphs
	if m.Request {
		subject = pick(r, t.reqSubjects)
		text = append(text, pick(r, t.greetings), pick(r, t.requests))
		if r.IntN(2) == 0 {
			text = append(text, pick(r, t.context))
		}
	} else {
		subject = pick(r, t.subjects) + fmt.Sprintf(" %d-%05d", 100+r.IntN(900), r.IntN(100000))
		text = append(text, pick(r, t.greetings))
	}
	// Fill with ordinary sentences up to a size of 2–10 KB.
	target := 2048 + r.IntN(8*1024)
	size := 0
	for _, p := range text {
		size += len(p)
	}
	for size < target {
		p := paragraph(r, t.sentences)
		text = append(text, p)
		size += len(p) + 2
	}
	text = append(text, pick(r, t.closings)+"\n"+first+" "+last)
	body := wrapAll(text)

	var b strings.Builder
	fmt.Fprintf(&b, "From: %s <%s@%s>\r\n", mime.QEncoding.Encode("utf-8", first+" "+last), from, domain)
	b.WriteString("To: asiakaspalvelu@sesoma.fi\r\n")
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", subject))
	fmt.Fprintf(&b, "Date: %s\r\n", m.Date.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <mailgen.%d.%x@%s>\r\n", i, r.Uint64(), domain)
	b.WriteString("MIME-Version: 1.0\r\n")
	const textPart = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
	boundary := fmt.Sprintf("=_mailgen_%x", r.Uint64())
	switch m.Kind {
	case Plain:
		b.WriteString(textPart + body)
	case HTML:
		fmt.Fprintf(&b, "Content-Type: multipart/alternative; boundary=%q\r\n\r\n", boundary)
		fmt.Fprintf(&b, "--%s\r\n%s%s\r\n", boundary, textPart, body)
		fmt.Fprintf(&b, "--%s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", boundary)
		b.WriteString("<!DOCTYPE html><html><body style=\"font-family:Arial,sans-serif\">\r\n")
		for _, p := range text {
			b.WriteString("<p>" + htmlEscape(p) + "</p>\r\n")
		}
		fmt.Fprintf(&b, "</body></html>\r\n--%s--\r\n", boundary)
	case Attachment:
		name, ctype := pick(r, t.files), "application/pdf"
		if strings.HasSuffix(name, ".jpg") {
			ctype = "image/jpeg"
		}
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%q\r\n\r\n", boundary)
		fmt.Fprintf(&b, "--%s\r\n%s%s\r\n", boundary, textPart, body)
		fmt.Fprintf(&b, "--%s\r\nContent-Type: %s; name=%q\r\nContent-Disposition: attachment; filename=%q\r\nContent-Transfer-Encoding: base64\r\n\r\n",
			boundary, ctype, name, name)
		writeBase64(&b, r, 100*1024+r.IntN(400*1024))
		fmt.Fprintf(&b, "--%s--\r\n", boundary)
	}
	return []byte(b.String())
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// paragraph joins three to six sentences.
func paragraph(r *rand.Rand, sentences []string) string {
	n := 3 + r.IntN(4)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = pick(r, sentences)
	}
	return strings.Join(parts, " ")
}

// wrapAll wraps paragraphs at 72 columns with CRLF line ends.
func wrapAll(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		for _, line := range strings.Split(p, "\n") {
			col := 0
			for _, w := range strings.Fields(line) {
				if col > 0 && col+1+len([]rune(w)) > 72 {
					b.WriteString("\r\n")
					col = 0
				}
				if col > 0 {
					b.WriteByte(' ')
					col++
				}
				b.WriteString(w)
				col += len([]rune(w))
			}
			b.WriteString("\r\n")
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", "<br>").Replace(s)
}

// fold turns a name into an address's local part.
func fold(s string) string {
	return strings.NewReplacer("ä", "a", "ö", "o", "å", "a", "Ä", "A", "Ö", "O", "Å", "A", " ", "").Replace(s)
}

// writeBase64 writes n random bytes as base64 in 76-column lines.
func writeBase64(b *strings.Builder, r *rand.Rand, n int) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	chars := (n + 2) / 3 * 4 // random bytes encode to uniformly random characters
	line := make([]byte, 0, 78)
	for chars > 0 {
		k := min(76, chars)
		line = line[:0]
		for range k {
			line = append(line, alphabet[r.IntN(64)])
		}
		b.Write(line)
		b.WriteString("\r\n")
		chars -= k
	}
}

// WriteMaildir writes n messages for seed into the Maildir dir (creating
// its cur, new and tmp folders) as new mail, each file's mtime its Date.
func WriteMaildir(dir string, n int, seed uint64) error {
	for _, d := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			return err
		}
	}
	host, _ := os.Hostname()
	host = strings.NewReplacer("/", `\057`, ":", `\072`).Replace(host)
	now := time.Now().Unix()
	i := 0
	for m := range Generate(n, seed) {
		name := fmt.Sprintf("%d.M%dP%d.%s,S=%d", now, i, os.Getpid(), host, len(m.Raw))
		i++
		tmp := filepath.Join(dir, "tmp", name)
		if err := os.WriteFile(tmp, m.Raw, 0o600); err != nil {
			return err
		}
		if err := os.Chtimes(tmp, m.Date, m.Date); err != nil {
			return err
		}
		if err := os.Rename(tmp, filepath.Join(dir, "new", name)); err != nil {
			return err
		}
	}
	return nil
}
