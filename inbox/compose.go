package inbox

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
)

// MaxAttachments is the most attachment bytes one message may carry:
// submission servers commonly refuse messages over 25 MB, and base64 adds a
// third.
const MaxAttachments = 15 << 20

// Outgoing is a letter to send: an answer to a request, or a notice.
type Outgoing struct {
	From    Address // the mailbox's own address (Config.From)
	To      []Address
	Subject string // UTF-8; carries the case tag, "[DSR-2026-0042] …"
	Body    string // plain text, UTF-8
	// InReplyTo and References are Message-IDs without angle brackets:
	// the message answered, and the thread up to it.
	InReplyTo  []string
	References []string
	Lang       string // "fi", "sv" or "en": Content-Language
	// Letter names the kind of letter ("acknowledgement", "refusal"…) in
	// the LetterHeader, so that the Sent folder tells an acknowledgement
	// from the answer; "" for none.
	Letter      string
	Attachments []string // files to attach (the access report's files)
	// MessageID is the new message's id without angle brackets; "" makes a
	// fresh one at Domain (see NewMessageID).
	MessageID string
	Domain    string    // for a fresh Message-ID; "" takes From's domain
	Date      time.Time // zero: now
}

// LetterHeader names the kind of a letter dsrdesk wrote.
const LetterHeader = "X-Dsrdesk-Letter"

// NewMessageID returns a fresh, unguessable Message-ID at domain, without
// angle brackets.
func NewMessageID(domain string) string {
	b := make([]byte, 15)
	rand.Read(b) // never fails (crypto/rand)
	id := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
	return fmt.Sprintf("dsr.%s.%s@%s", time.Now().UTC().Format("20060102T150405"), id, domain)
}

// BuildMessage writes m as an RFC 5322 message: the header (non-ASCII as
// UTF-8 encoded words), a quoted-printable UTF-8 text/plain body, and the
// attachments base64-encoded in a multipart/mixed message when there are
// any. Line ends are CRLF.
func BuildMessage(m Outgoing) ([]byte, error) {
	h, err := m.header()
	if err != nil {
		return nil, err
	}
	body := strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\r", "\n")
	var buf bytes.Buffer
	var text mail.InlineHeader
	text.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	text.Set("Content-Transfer-Encoding", "quoted-printable")
	if len(m.Attachments) == 0 {
		h.Header.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
		h.Set("Content-Transfer-Encoding", "quoted-printable")
		w, err := mail.CreateSingleInlineWriter(&buf, h)
		if err != nil {
			return nil, fmt.Errorf("write the message: %w", err)
		}
		if err := writeClose(w, strings.NewReader(body)); err != nil {
			return nil, fmt.Errorf("write the message text: %w", err)
		}
		return buf.Bytes(), nil
	}
	files, err := readAttachments(m.Attachments)
	if err != nil {
		return nil, err
	}
	w, err := mail.CreateWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("write the message: %w", err)
	}
	tw, err := w.CreateSingleInline(text)
	if err != nil {
		return nil, fmt.Errorf("write the message text: %w", err)
	}
	if err := writeClose(tw, strings.NewReader(body)); err != nil {
		return nil, fmt.Errorf("write the message text: %w", err)
	}
	for _, f := range files {
		var ah mail.AttachmentHeader
		ah.SetContentType(f.typ, f.params)
		ah.SetFilename(f.name)
		aw, err := w.CreateAttachment(ah)
		if err == nil {
			err = writeClose(aw, bytes.NewReader(f.data))
		}
		if err != nil {
			return nil, fmt.Errorf("attach %s: %w", f.path, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("write the message: %w", err)
	}
	return buf.Bytes(), nil
}

// header checks m and makes its header.
func (m Outgoing) header() (mail.Header, error) {
	var h mail.Header
	if err := checkAddress("From", m.From); err != nil {
		return h, err
	}
	if len(m.To) == 0 {
		return h, fmt.Errorf("the message has no recipient (To)")
	}
	to := make([]*mail.Address, len(m.To))
	for i, a := range m.To {
		if err := checkAddress("To", a); err != nil {
			return h, err
		}
		to[i] = &mail.Address{Name: a.Name, Address: a.Email}
	}
	for _, id := range append(append([]string{m.MessageID}, m.InReplyTo...), m.References...) {
		if id != "" && !msgIDPattern.MatchString(id) {
			return h, fmt.Errorf("%q is not a Message-ID (want local@domain, without angle brackets)", id)
		}
	}
	if m.Lang != "" && !langPattern.MatchString(m.Lang) {
		return h, fmt.Errorf("Content-Language %q: want a language tag such as fi, sv or en", m.Lang)
	}
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	id := m.MessageID
	if id == "" {
		domain := m.Domain
		if domain == "" {
			domain = m.From.Email[strings.LastIndexByte(m.From.Email, '@')+1:]
		}
		id = NewMessageID(domain)
	}
	// The writer puts the fields in the reverse order of their adding.
	if m.Letter != "" {
		h.Set(LetterHeader, strings.Join(strings.Fields(m.Letter), "-"))
	}
	h.Set("Auto-Submitted", "no")
	if m.Lang != "" {
		h.Set("Content-Language", m.Lang)
	}
	h.SetMsgIDList("References", m.References)
	h.SetMsgIDList("In-Reply-To", m.InReplyTo)
	h.SetMessageID(id)
	h.SetDate(date)
	h.Set("Subject", encodeText(strings.Join(strings.Fields(m.Subject), " ")))
	h.SetAddressList("To", to)
	h.SetAddressList("From", []*mail.Address{{Name: m.From.Name, Address: m.From.Email}})
	return h, nil
}

// encodeText returns s as it is when it is printable ASCII; else the words
// before the first one that is not stay as they are (so that the case tag
// stays readable in the raw header) and the rest becomes UTF-8 Q encoded
// words (RFC 2047) short enough for the header's 78-character lines, each
// holding whole characters.
func encodeText(s string) string {
	first := strings.IndexFunc(s, func(r rune) bool { return r < ' ' || r > '~' })
	if first < 0 && !strings.Contains(s, "=?") {
		return s
	}
	if sp := strings.LastIndexByte(s[:max(first, 0)], ' '); sp > 0 && !strings.Contains(s[:sp], "=?") {
		return s[:sp] + " " + encodeWords(s[sp+1:])
	}
	return encodeWords(s)
}

// encodeWords returns s as UTF-8 Q encoded words.
func encodeWords(s string) string {
	const maxWord = 60 // with "Subject: " it stays under 78
	var words []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			words = append(words, "=?utf-8?q?"+word.String()+"?=")
			word.Reset()
		}
	}
	for _, r := range s {
		var enc strings.Builder
		for _, b := range []byte(string(r)) {
			switch {
			case b == ' ':
				enc.WriteByte('_')
			case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9', strings.IndexByte("!*+-/", b) >= 0:
				enc.WriteByte(b)
			default:
				fmt.Fprintf(&enc, "=%02X", b)
			}
		}
		if len("=?utf-8?q??=")+word.Len()+enc.Len() > maxWord {
			flush()
		}
		word.WriteString(enc.String())
	}
	flush()
	return strings.Join(words, " ")
}

var (
	msgIDPattern = regexp.MustCompile(`^[!#-'*+\-/-9=?A-Z^-~.]+@[!#-'*+\-/-9=?A-Z^-~.\[\]]+$`)
	langPattern  = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
	emailPattern = regexp.MustCompile(`^[^\s@<>(),;:"\\\[\]]+@[^\s@<>(),;:"\\\[\]]+\.[^\s@<>(),;:"\\\[\]]+$`)
)

// checkAddress refuses an address that would break the header or go
// nowhere.
func checkAddress(field string, a Address) error {
	if !emailPattern.MatchString(a.Email) {
		return fmt.Errorf("%s address %q is not an e-mail address", field, a.Email)
	}
	if strings.ContainsAny(a.Name, "\r\n") {
		return fmt.Errorf("%s name %q has a line break", field, a.Name)
	}
	return nil
}

// attachmentFile is a file read for attaching.
type attachmentFile struct {
	path, name string
	typ        string
	params     map[string]string
	data       []byte
}

// readAttachments reads the files, refusing more than MaxAttachments bytes
// in all.
func readAttachments(paths []string) ([]attachmentFile, error) {
	var out []attachmentFile
	total := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("attachment: %w", err)
		}
		if total += len(data); total > MaxAttachments {
			return nil, fmt.Errorf("attachment %s: the attachments come to over %d MB, more than mail servers accept",
				p, MaxAttachments>>20)
		}
		typ, params := attachmentType(p)
		out = append(out, attachmentFile{path: p, name: filepath.Base(p), typ: typ, params: params, data: data})
	}
	return out, nil
}

// attachmentType is a file's media type by its extension: the formats of
// the access report, then the system's table, else octet-stream.
func attachmentType(path string) (string, map[string]string) {
	utf8 := map[string]string{"charset": "utf-8"}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "text/csv", utf8
	case ".json":
		return "application/json", nil
	case ".html", ".htm":
		return "text/html", utf8
	case ".md":
		return "text/markdown", utf8
	case ".txt":
		return "text/plain", utf8
	case ".pdf":
		return "application/pdf", nil
	}
	if t, params, err := mime.ParseMediaType(mime.TypeByExtension(filepath.Ext(path))); err == nil && t != "" {
		if !strings.HasPrefix(t, "text/") {
			params = nil // a charset label on a binary type would refuse to be written
		} else {
			params = utf8
		}
		return t, params
	}
	return "application/octet-stream", nil
}

// writeClose copies r to w and closes w.
func writeClose(w io.WriteCloser, r io.Reader) error {
	_, err := io.Copy(w, r)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}
