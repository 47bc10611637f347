package inbox

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message/textproto"
)

const testNote = "[Attachment removed on 2026-11-24 after the requester's identity was checked. No copy is kept.]"

// redactCases remove one attachment from a multipart; the replaced span runs
// from marker to the line break before the next "--"+boundary.
var redactCases = []struct {
	file     string
	index    int
	name     string
	typ      string
	marker   string
	boundary string
	nl       string
}{
	{"redact-passi.eml", 0, "passi.jpg", "image/jpeg",
		`Content-Type: image/jpeg; name="passi.jpg"`, "=_b7f3c1d2e4", "\r\n"},
	{"redact-two.eml", 1, "ajokortti.pdf", "application/pdf",
		`Content-Type: application/pdf; name="ajokortti.pdf"`, "_004_DB9PR01MB7012A1B2C3D4E5F6DB9PR01MB7012eurp_", "\r\n"},
	{"redact-lf.eml", 0, "henkilökortti.png", "image/png",
		`Content-Type: image/png;`, "------------Wq3nB0aKx7cYt2LmPz9dE1fG", "\n"},
	{"redact-forward.eml", 1, "passi.jpg", "image/jpeg",
		`Content-Type: image/jpeg; name="passi.jpg"`, "inner-9c41", "\r\n"},
	{"redact-nested.eml", 0, "ajokortti.jpg", "image/jpeg",
		`Content-Type: image/jpeg; name="ajokortti.jpg"`, "000000000000a1b2c3d4e5f60708", "\r\n"},
}

func TestRemoveAttachmentFixtures(t *testing.T) {
	for _, tc := range redactCases {
		t.Run(tc.file, func(t *testing.T) {
			raw := readFixture(t, tc.file)
			orig := bytes.Clone(raw)
			before := Parse(raw)
			if got := before.Attachments[tc.index]; got.Name != tc.name || got.Type != tc.typ {
				t.Fatalf("fixture: attachment %d is %+v", tc.index, got)
			}
			out, err := RemoveAttachment(raw, tc.index, testNote)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(raw, orig) {
				t.Fatal("raw was modified")
			}
			checkRemoved(t, before, Parse(out), tc.index, testNote)

			// Everything outside the part is kept byte for byte.
			start := bytes.Index(raw, []byte(tc.marker))
			n := bytes.Index(raw[start:], []byte(tc.nl+"--"+tc.boundary))
			if start < 0 || n < 0 {
				t.Fatal("fixture: part not found")
			}
			end := start + n
			if !bytes.Equal(out[:start], raw[:start]) {
				t.Error("bytes before the part changed")
			}
			if !bytes.HasSuffix(out, raw[end:]) {
				t.Error("bytes after the part changed")
			}
			middle := out[start : len(out)-(len(raw)-end)]
			checkNotePart(t, middle, tc.name, tc.typ, tc.nl)

			// Not a line of the attachment's base64 is left.
			// (Two PDFs may share their first line; those lines stay.)
			distinct := 0
			for _, l := range base64Lines(t, raw[start:end]) {
				if bytes.Count(raw, l) != 1 {
					continue
				}
				distinct++
				if bytes.Contains(out, l) {
					t.Fatalf("attachment data %q is still there", l)
				}
			}
			if distinct < 10 {
				t.Fatalf("fixture: only %d distinctive base64 lines", distinct)
			}
		})
	}
}

// base64Lines returns the lines of a part's body that look like base64.
func base64Lines(t *testing.T, part []byte) [][]byte {
	t.Helper()
	i := bytes.Index(part, []byte("\n\n"))
	if j := bytes.Index(part, []byte("\r\n\r\n")); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	var lines [][]byte
	for _, l := range bytes.Split(part[i:], []byte("\n")) {
		if l = bytes.TrimSpace(l); len(l) >= 40 {
			lines = append(lines, l)
		}
	}
	if len(lines) < 10 {
		t.Fatalf("fixture: only %d base64 lines", len(lines))
	}
	return lines
}

// checkRemoved compares Parse before and after removing attachment index.
func checkRemoved(t *testing.T, before, after Parsed, index int, note string) {
	t.Helper()
	if after.ParseError != "" {
		t.Errorf("ParseError after removal: %s", after.ParseError)
	}
	want := append(append([]Attachment{}, before.Attachments[:index]...), before.Attachments[index+1:]...)
	if len(after.Attachments) != len(want) {
		t.Fatalf("attachments after removal: %+v, want %+v", after.Attachments, want)
	}
	for i, a := range after.Attachments {
		w := want[i]
		if strings.HasPrefix(a.Type, "message/") {
			a.Size, w.Size = 0, 0 // an attached message shrinks with what it held
		}
		if a != w {
			t.Errorf("attachment %d: %+v, want %+v", i, a, w)
		}
	}
	if !strings.Contains(after.Text, note) {
		t.Errorf("the note is not in the text:\n%s", after.Text)
	}
	if got, want := withoutNote(after.Text, note), withoutNote(before.Text, note); got != want {
		t.Errorf("text changed beyond the note:\n%s\nwant\n%s", got, want)
	}
	for _, f := range []string{"MessageID", "Subject", "From", "Date"} {
		if stringFields(before)[f] != stringFields(after)[f] {
			t.Errorf("%s changed", f)
		}
	}
	if len(after.Headers) != len(before.Headers) {
		t.Errorf("top-level headers: %d, were %d", len(after.Headers), len(before.Headers))
	}
}

// withoutNote drops the lines with the note and blank (or quoted blank)
// lines, which the note's paragraph adds.
func withoutNote(text, note string) string {
	var keep []string
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, note) || strings.TrimLeft(line, "> \t") == "" {
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}

// checkNotePart checks the replacement part's header and line endings.
func checkNotePart(t *testing.T, part []byte, name, typ, nl string) {
	t.Helper()
	if nl == "\r\n" && bytes.Count(part, []byte("\n")) != bytes.Count(part, []byte("\r\n")) ||
		nl == "\n" && bytes.Contains(part, []byte("\r")) {
		t.Errorf("replacement does not use the message's line ending %q: %q", nl, part)
	}
	if !bytes.HasPrefix(part, []byte("Content-Type: text/plain; charset=utf-8"+nl)) {
		t.Errorf("replacement starts %q", part)
	}
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(part)))
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Get("Content-Disposition"); got != "inline" {
		t.Errorf("Content-Disposition %q", got)
	}
	if got := h.Get("Content-Transfer-Encoding"); got != "8bit" {
		t.Errorf("Content-Transfer-Encoding %q", got)
	}
	removed := decodeWords(h.Get("X-Dsrdesk-Removed"))
	if !strings.Contains(removed, name) || !strings.Contains(removed, typ) {
		t.Errorf("X-Dsrdesk-Removed: %q, want %s and %s", removed, name, typ)
	}
	if h.Len() != 4 {
		t.Errorf("replacement header has %d fields", h.Len())
	}
}

func TestRemoveAttachmentKeepsOtherAttachmentBytes(t *testing.T) {
	raw := readFixture(t, "redact-two.eml")
	start := bytes.Index(raw, []byte(`Content-Type: application/pdf; name="valtakirja.pdf"`))
	end := bytes.Index(raw, []byte(`Content-Type: application/pdf; name="ajokortti.pdf"`))
	first := raw[start:end]
	out, err := RemoveAttachment(raw, 1, testNote)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out[start:end], first) {
		t.Error("the first attachment's bytes changed")
	}
	// The second removal on the result: nothing but the note texts is left.
	out2, err := RemoveAttachment(out, 0, "Valtakirja tarkistettu ja poistettu 2026-11-24.")
	if err != nil {
		t.Fatal(err)
	}
	p := Parse(out2)
	if len(p.Attachments) != 0 || p.ParseError != "" {
		t.Fatalf("after removing both: %+v %q", p.Attachments, p.ParseError)
	}
	if !strings.Contains(p.Text, testNote) || !strings.Contains(p.Text, "Valtakirja tarkistettu") {
		t.Errorf("text: %s", p.Text)
	}
	if bytes.Contains(out2, []byte("JVBERi0")) {
		t.Error("PDF data left")
	}
}

func TestRemoveAttachmentOutOfRange(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		orig := bytes.Clone(raw)
		n := len(Parse(raw).Attachments)
		for _, i := range []int{-1, n, n + 3} {
			out, err := RemoveAttachment(raw, i, testNote)
			if !errors.Is(err, ErrNoSuchAttachment) || out != nil {
				t.Errorf("%s: index %d of %d: %v", name, i, n, err)
			}
		}
		if !bytes.Equal(raw, orig) {
			t.Errorf("%s: raw was modified", name)
		}
	}
	if _, err := RemoveAttachment(nil, 0, testNote); !errors.Is(err, ErrNoSuchAttachment) {
		t.Errorf("empty message: %v", err)
	}
}

func TestRemoveAttachmentSingleBody(t *testing.T) {
	raw := readFixture(t, "redact-single.eml")
	before := Parse(raw)
	out, err := RemoveAttachment(raw, 0, testNote)
	if err != nil {
		t.Fatal(err)
	}
	after := Parse(out)
	if after.ParseError != "" || len(after.Attachments) != 0 || after.Text != testNote {
		t.Fatalf("after: %+v %q %q", after.Attachments, after.ParseError, after.Text)
	}
	// The header up to the first Content-* field is kept, and every other
	// field after it; the Content-* fields and the body are new.
	start := bytes.Index(raw, []byte("Content-Type: application/pdf"))
	if !bytes.Equal(out[:start], raw[:start]) {
		t.Error("header before Content-Type changed")
	}
	want := "Content-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: 8bit\r\n" +
		"Content-Disposition: inline\r\n" +
		"X-Dsrdesk-Removed: ajokortti.pdf (application/pdf, 2165 bytes)\r\n" +
		"X-Mailer: Skannaus 2.1\r\n" +
		"\r\n" + testNote + "\r\n"
	if got := string(out[start:]); got != want {
		t.Errorf("rewritten entity:\n%q\nwant\n%q", got, want)
	}
	for _, f := range []string{"MessageID", "Subject", "From", "Date", "To"} {
		if stringFields(before)[f] != stringFields(after)[f] {
			t.Errorf("%s changed", f)
		}
	}
	if bytes.Contains(out, []byte("JVBERi0")) {
		t.Error("PDF data left")
	}
}

func TestRemoveAttachmentWholeAttachedMessage(t *testing.T) {
	raw := readFixture(t, "redact-forward.eml")
	out, err := RemoveAttachment(raw, 0, testNote)
	if err != nil {
		t.Fatal(err)
	}
	p := Parse(out)
	if len(p.Attachments) != 0 || p.ParseError != "" {
		t.Fatalf("after: %+v %q", p.Attachments, p.ParseError)
	}
	if strings.Contains(p.Text, "Attached message") || !strings.Contains(p.Text, "Sari Laine") {
		t.Errorf("text: %s", p.Text)
	}
	if bytes.Contains(out, []byte("matti.virtanen")) {
		t.Error("the attached message is still there")
	}
}

// forwardOf wraps inner into a forward as a message/rfc822 part with the
// given transfer encoding header ("" for none) and encoded body.
func forwardOf(cte, body string) []byte {
	h := ""
	if cte != "" {
		h = "Content-Transfer-Encoding: " + cte + "\r\n"
	}
	return []byte("From: staff@example.com\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=b1\r\n\r\n" +
		"--b1\r\nContent-Type: text/plain\r\n\r\nSee the attached message.\r\n" +
		"--b1\r\nContent-Type: message/rfc822\r\n" + h + "\r\n" + body + "\r\n--b1--\r\n")
}

const innerWithPassport = "From: a@example.fi\r\nSubject: ID\r\nContent-Type: multipart/mixed; boundary=b2\r\n\r\n" +
	"--b2\r\nContent-Type: text/plain\r\n\r\nMy passport.\r\n" +
	"--b2\r\nContent-Type: image/jpeg; name=passi.jpg\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
	"/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////\r\n" +
	"--b2--\r\n"

func TestRemoveAttachmentInsideEncodedMessage(t *testing.T) {
	raw := forwardOf("base64", encodeBase64Lines([]byte(innerWithPassport)))
	p := Parse(raw)
	if len(p.Attachments) != 2 || p.Attachments[1].Name != "passi.jpg" || p.ParseError != "" {
		t.Fatalf("test message: %+v %q", p.Attachments, p.ParseError)
	}
	if _, err := RemoveAttachment(raw, 1, testNote); !errors.Is(err, ErrCannotRemove) {
		t.Fatalf("inside a base64 message: %v", err)
	}
	out, err := RemoveAttachment(raw, 0, testNote)
	if err != nil {
		t.Fatal(err)
	}
	if p := Parse(out); len(p.Attachments) != 0 || p.ParseError != "" {
		t.Fatalf("after removing the message: %+v %q", p.Attachments, p.ParseError)
	}

	// The same message unencoded: the passport alone can be removed.
	raw = forwardOf("", innerWithPassport)
	before := Parse(raw)
	out, err = RemoveAttachment(raw, 1, testNote)
	if err != nil {
		t.Fatal(err)
	}
	checkRemoved(t, before, Parse(out), 1, testNote)
}

func encodeBase64Lines(b []byte) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var s strings.Builder
	for i := 0; i < len(b); i += 3 {
		if i > 0 && i%57 == 0 {
			s.WriteString("\r\n")
		}
		var v uint32
		n := min(3, len(b)-i)
		for k := 0; k < 3; k++ {
			v <<= 8
			if k < n {
				v |= uint32(b[i+k])
			}
		}
		for k := 0; k < 4; k++ {
			if k <= n {
				s.WriteByte(alphabet[v>>(18-6*k)&63])
			} else {
				s.WriteByte('=')
			}
		}
	}
	return s.String()
}

func TestRemoveAttachmentSingleBodyInAttachedMessage(t *testing.T) {
	inner := "From: a@example.fi\r\nSubject: Scan\r\nContent-Type: image/jpeg; name=ajokortti.jpg\r\n" +
		"Content-Transfer-Encoding: base64\r\nX-Scanner: 1\r\n\r\n" +
		"/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////\r\n"
	raw := forwardOf("", inner)
	before := Parse(raw)
	if len(before.Attachments) != 2 || before.Attachments[1].Name != "ajokortti.jpg" {
		t.Fatalf("test message: %+v", before.Attachments)
	}
	out, err := RemoveAttachment(raw, 1, testNote)
	if err != nil {
		t.Fatal(err)
	}
	checkRemoved(t, before, Parse(out), 1, testNote)
	for _, keep := range []string{"From: a@example.fi\r\nSubject: Scan\r\nContent-Type: text/plain", "X-Scanner: 1\r\n\r\n[", "\r\n--b1--\r\n"} {
		if !bytes.Contains(out, []byte(keep)) {
			t.Errorf("%q missing from\n%s", keep, out)
		}
	}
	if bytes.Contains(out, []byte("/9j/")) {
		t.Error("image data left")
	}
}

func TestRemoveAttachmentTruncatedMessage(t *testing.T) {
	raw := readFixture(t, "redact-passi.eml")
	cut := bytes.Index(raw, []byte("\r\n--=_b7f3c1d2e4--"))
	raw = raw[:cut-200] // the transfer broke off inside the passport
	before := Parse(raw)
	if len(before.Attachments) != 1 || before.ParseError == "" {
		t.Fatalf("test message: %+v %q", before.Attachments, before.ParseError)
	}
	out, err := RemoveAttachment(raw, 0, testNote)
	if err != nil {
		t.Fatal(err)
	}
	after := Parse(out)
	if len(after.Attachments) != 0 || after.ParseError != before.ParseError || !strings.Contains(after.Text, testNote) {
		t.Fatalf("after: %+v %q", after.Attachments, after.ParseError)
	}
	if !bytes.HasSuffix(out, []byte("\r\n\r\n"+testNote)) {
		t.Errorf("end of result: %q", out[len(out)-200:])
	}
}

func TestRemoveAttachmentHostileNote(t *testing.T) {
	raw := readFixture(t, "redact-passi.eml")
	note := "--=_b7f3c1d2e4--\r\n- poistettu ✓ =?utf-8?q?x?=\n\x1b[31m" + strings.Repeat("pitkä rivi ", 20) + " \n--=_b7f3c1d2e4"
	out, err := RemoveAttachment(raw, 0, note)
	if err != nil {
		t.Fatal(err)
	}
	after := Parse(out)
	if after.ParseError != "" || len(after.Attachments) != 0 {
		t.Fatalf("after: %+v %q", after.Attachments, after.ParseError)
	}
	want := normalizeNewlines(note)
	if !strings.Contains(after.Text, strings.TrimRight(want, " \n")) {
		t.Errorf("note not decoded back:\n%q", after.Text)
	}
	if !strings.Contains(string(out), "Content-Transfer-Encoding: quoted-printable\r\n") {
		t.Error("the note should be quoted-printable")
	}
	start := bytes.Index(raw, []byte(`Content-Type: image/jpeg`))
	for _, line := range bytes.Split(out[start:], []byte("\r\n")) {
		if len(line) > 76 || bytes.HasPrefix(line, []byte("--")) && !bytes.HasPrefix(line, []byte("--=_b7f3c1d2e4--")) {
			t.Errorf("line %q", line)
		}
	}
}

func TestRemoveAttachmentDefaultNote(t *testing.T) {
	raw := readFixture(t, "redact-lf.eml")
	out, err := RemoveAttachment(raw, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	p := Parse(out)
	want := "[Attachment henkilökortti.png (image/png, 2 KB) removed on " + time.Now().Format("2006-01-02")
	if !strings.Contains(p.Text, want) {
		t.Errorf("text %q lacks %q", p.Text, want)
	}
}

func TestRemovalNote(t *testing.T) {
	day := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		a    Attachment
		want string
	}{
		{Attachment{"passi.jpg", "image/jpeg", 187392},
			"[Attachment passi.jpg (image/jpeg, 183 KB) removed on 2026-11-24 after the requester's identity was checked. No copy is kept.]"},
		{Attachment{"", "application/pdf", 900},
			"[Unnamed attachment (application/pdf, 900 bytes) removed on 2026-11-24 after the requester's identity was checked. No copy is kept.]"},
		{Attachment{"a\r\nb\x1b.png", "image/png", 3 << 20},
			"[Attachment a  b .png (image/png, 3.0 MB) removed on 2026-11-24 after the requester's identity was checked. No copy is kept.]"},
	} {
		if got := RemovalNote(tc.a, day); got != tc.want {
			t.Errorf("RemovalNote(%+v)\n got %q\nwant %q", tc.a, got, tc.want)
		}
	}
}

func FuzzRemoveAttachment(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, uint8(0), "")
		f.Add(raw, uint8(1), testNote)
	}
	f.Add(forwardOf("", innerWithPassport), uint8(1), "--b1\r\n--b2")
	f.Add(forwardOf("base64", encodeBase64Lines([]byte(innerWithPassport))), uint8(0), "\x00")
	f.Add([]byte("Content-Type: image/png\n\nxx"), uint8(0), "-")
	f.Fuzz(func(t *testing.T, raw []byte, index uint8, note string) {
		orig := bytes.Clone(raw)
		before := Parse(raw)
		n := len(before.Attachments)
		i := int(index) % (n + 1)
		if index == 255 {
			i = -1
		}
		out, err := RemoveAttachment(raw, i, note)
		if !bytes.Equal(raw, orig) {
			t.Fatal("raw was modified")
		}
		if i < 0 || i >= n {
			if !errors.Is(err, ErrNoSuchAttachment) || out != nil {
				t.Fatalf("index %d of %d: %v", i, n, err)
			}
			return
		}
		if err != nil {
			if out != nil {
				t.Fatal("a result with an error")
			}
			return
		}
		after := Parse(out)
		if before.ParseError == "" && after.ParseError != "" {
			t.Fatalf("result does not parse: %s", after.ParseError)
		}
		if len(after.Attachments) >= n {
			t.Fatalf("%d attachments after removing one of %d", len(after.Attachments), n)
		}
	})
}
