package register

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"
)

// Letters to requesters (issue 6): Compose writes the text of a letter to
// the requester of a case — its subject, body, threading headers and, for
// an access answer, the report's files to attach — in the case's language,
// from the facts the register holds. Sending it (a draft by IMAP APPEND, or
// SMTP) is the caller's business.
//
// # Kinds
//
// LetterKinds lists them; the file of each is <kind>.<lang>.tmpl:
//
//	acknowledgement   the request arrived; the day the answer is due
//	identification    asks for identifying information, the least intrusive
//	                  way first: a reply from the address on file, or the
//	                  customer number or business ID; never an ID copy by mail
//	extension         the deadline is extended by two months: why, and the new day
//	access            the access report is attached; what each file holds
//	objection         the bans on direct marketing and market research are set,
//	                  the newsletter ended
//	rectification     which fields were corrected
//	erasure           the data is erased; what was kept, until when and why
//	restriction       processing is restricted
//	partial-refusal   part of the request is refused: the reasons, the right to
//	                  complain to Tietosuojavaltuutetun toimisto and to go to court
//	refusal           the request is refused: the same
//
// Compose refuses a letter whose facts are missing: an answer for an action
// that was not carried out, an extension notice for a case not extended, a
// refusal without reasons, a request for identification when the identity
// is verified.
//
// # Templates
//
// Each letter is a Go text/template (package text/template) producing the
// plain-text body; the built-in ones are in register/letters/. With
// LetterOptions.TemplateDir set (config: the folder of letter templates),
// the file of the letter's kind and language is read from that folder
// instead, and must be there: a missing or broken file is an error naming
// it. WriteLetterTemplates copies the built-in files into such a folder to
// start from. Blank lines left by {{if}} are collapsed: at most one empty
// line in a row, none at the start or end.
//
// A template is executed with LetterData. Every text in it is already in
// the letter's language and made printable; values from mail and from
// officers are on one line where a sentence holds them:
//
//	.Kind            the letter's kind, e.g. "erasure"
//	.Lang            fi, sv or en
//	.Tag             the case tag, e.g. DSR-2026-0042
//	.Name            the requester's name; "" when unknown
//	.Received        the day the request arrived: 5.3.2026 (fi, sv), 5 March 2026 (en)
//	.Due             the day the answer is due (the extended day after an extension)
//	.FirstDue        the last day of the first month, the deadline before any extension
//	.Extended        whether the deadline was extended
//	.ExtensionReason the extension's reason, translated when it is one of
//	                 ExtensionReasons; no final full stop
//	.Kinds           the rights the request invokes, named in the language
//	.Portability     whether the request invokes data portability
//	.Done            the day the action answered was carried out
//	.Customers       the customer numbers the action concerned
//	.Files           access: the report's files, each .Name and .About
//	.Changed         rectification: the labels of the corrected fields
//	.Kept            erasure: what was kept, each .Fields (labels), .Until (a day)
//	                 and .Why (the law, translated: a whole sentence)
//	.Recipients      rectification, erasure, restriction: the recipients the
//	                 data was disclosed to, who are told (Art. 19)
//	.Reason          refusals: the reasons, as the officer wrote them (may be
//	                 several lines)
//	.Signature       the closing and signature in the language: "Ystävällisin
//	                 terveisin", "Sesoma Oy, tietosuoja", "sesoma@sesoma.fi"
//
// Dates come ready written in the language (LetterDate). One function is
// defined besides text/template's own: list, which joins a list of texts
// as the language does ("a, b ja c", "a, b och c", "a, b and c"). Every
// built-in letter greets the requester by name, names the request by the
// day it arrived and its tag, and ends with .Signature; the refusals give
// Tietosuojavaltuutetun toimisto's address (PL 800, 00531 Helsinki,
// tietosuoja@om.fi) and the right to go to court. A replacement template
// is the officer's to keep as correct.
//
// # Language, subject, threading, attachments
//
// The letter is written in LetterOptions.Lang, else the case's language,
// else Finnish. Its subject is "Re: <the request's subject> [DSR-2026-0042]"
// (LetterSubject): the request's own reply and forward prefixes and any
// case tag taken off, the tag put at the end in the form inbox/thread.go
// finds in replies. In-Reply-To is the requester's newest message (a sent
// letter of the company's own never counts as theirs); References that
// message's References, then the case's messages up to it. An access
// answer attaches the files of the case's latest access report when
// LetterOptions.ExportDir says where reports are written.

// LetterKind is a kind of letter to a requester; its value names the
// template file.
type LetterKind string

// The kinds of letters.
const (
	LetterAcknowledgement LetterKind = "acknowledgement"
	LetterIdentification  LetterKind = "identification"
	LetterExtension       LetterKind = "extension"
	LetterAccess          LetterKind = "access"
	LetterObjection       LetterKind = "objection"
	LetterRectification   LetterKind = "rectification"
	LetterErasure         LetterKind = "erasure"
	LetterRestriction     LetterKind = "restriction"
	LetterPartialRefusal  LetterKind = "partial-refusal"
	LetterRefusal         LetterKind = "refusal"
)

// LetterKinds lists the kinds of letters in menu order.
var LetterKinds = []LetterKind{
	LetterAcknowledgement, LetterIdentification, LetterExtension,
	LetterAccess, LetterObjection, LetterRectification, LetterErasure, LetterRestriction,
	LetterPartialRefusal, LetterRefusal,
}

// letterLabels are the kinds' English labels, for menus.
var letterLabels = map[LetterKind]string{
	LetterAcknowledgement: "Acknowledgement (states the due date)",
	LetterIdentification:  "Request for identifying information",
	LetterExtension:       "Extension notice with its reasons",
	LetterAccess:          "Answer: access report attached",
	LetterObjection:       "Answer: objection confirmed",
	LetterRectification:   "Answer: rectification done",
	LetterErasure:         "Answer: erasure done, what was kept and why",
	LetterRestriction:     "Answer: restriction in place",
	LetterPartialRefusal:  "Partial refusal with reasons",
	LetterRefusal:         "Refusal with reasons",
}

// Label is the kind's English label, for menus.
func (k LetterKind) Label() string {
	if l, ok := letterLabels[k]; ok {
		return l
	}
	return string(k)
}

// ParseLetterKind reads a kind's name, as in LetterKinds.
func ParseLetterKind(s string) (LetterKind, error) {
	if k := LetterKind(s); slices.Contains(LetterKinds, k) {
		return k, nil
	}
	names := make([]string, len(LetterKinds))
	for i, k := range LetterKinds {
		names[i] = string(k)
	}
	return "", fmt.Errorf("letter kind %q: want one of %s", s, strings.Join(names, ", "))
}

// LetterOptions say how Compose writes a letter.
type LetterOptions struct {
	// TemplateDir holds replacement <kind>.<lang>.tmpl files; "" for the
	// built-in texts.
	TemplateDir string
	// Reason is a refusal's reasons; "" for the case's OutcomeReason.
	Reason string
	// ExportDir is the folder access reports are written in
	// (ExportOptions.Dir), or the latest report's own folder
	// (ExportResult.Folder): an access answer attaches the files of the
	// case's latest report. "" attaches nothing.
	ExportDir string
	// Lang is fi, sv or en; "" for the case's language, Finnish when
	// that is unknown.
	Lang string
}

// Letter is a composed letter to a requester. Its texts are plain and
// printable; the Message-IDs are bare, without angle brackets.
type Letter struct {
	Kind        LetterKind
	To          Person
	Subject     string   // Re: <the request's subject> [DSR-2026-0042]
	Body        string   // plain text, lines ending in \n
	InReplyTo   string   // the requester's last message; "" when none has a Message-ID
	References  []string // the thread, oldest first, ending with InReplyTo
	Lang        string
	Attachments []string // paths: an access answer's report files
}

// Compose writes the letter of kind to the requester of a case. It
// refuses a purged case, a case with no requester address, and a letter
// whose facts are missing (see the kinds above); the error says which.
func (db *DB) Compose(ctx context.Context, caseID int64, kind LetterKind, opts LetterOptions) (Letter, error) {
	if _, err := ParseLetterKind(string(kind)); err != nil {
		return Letter{}, fmt.Errorf("case %d: %w", caseID, err)
	}
	c, err := db.CaseByID(ctx, caseID)
	if err != nil {
		return Letter{}, err
	}
	fail := func(err error) (Letter, error) {
		return Letter{}, fmt.Errorf("case %s: %s letter: %w", c.Tag, kind, err)
	}
	switch {
	case c.Purged:
		return fail(errors.New("the case was purged: its personal data is gone"))
	case strings.TrimSpace(c.Requester.Email) == "":
		return fail(errors.New("the case has no requester address to write to"))
	}
	if kind == LetterAccess {
		if err := db.checkDisclosure(ctx, c.Case); err != nil {
			return fail(err)
		}
	}
	lang := opts.Lang
	if lang == "" {
		lang = c.Lang
	}
	if lang == "" {
		lang = "fi"
	}
	if !slices.Contains(Languages, lang) {
		return fail(fmt.Errorf("language %q: want one of fi, sv, en", lang))
	}
	acts, err := db.Actions(ctx, caseID)
	if err != nil {
		return fail(err)
	}
	tells, err := db.Notifications(ctx, caseID)
	if err != nil {
		return fail(err)
	}
	d, err := letterData(c.Case, acts, tells, kind, lang, opts.Reason)
	if err != nil {
		return fail(err)
	}
	body, err := renderLetter(opts.TemplateDir, kind, d)
	if err != nil {
		return fail(err)
	}
	l := Letter{
		Kind: kind, Lang: lang, Body: body,
		To:      Person{Email: strings.TrimSpace(c.Requester.Email), Name: oneLine(c.Requester.Name)},
		Subject: LetterSubject(c.Subject, c.Tag, lang),
	}
	l.InReplyTo, l.References = letterThread(c)
	if kind == LetterAccess && opts.ExportDir != "" {
		rec, _ := lastAction(acts, ActionAccess)
		if l.Attachments, err = accessAttachments(opts.ExportDir, c.Tag, rec); err != nil {
			return fail(err)
		}
	}
	return l, nil
}

// ErrIdentityUnverified refuses to send someone's data to an address that
// may not be theirs.
var ErrIdentityUnverified = errors.New("the requester's identity is not verified and their address is not the one on file: verify it (i on the case) or ask for identifying information first")

// checkDisclosure refuses to write the data of a case's entries to the
// requester unless the identity is verified, an agent's authority noted,
// or the requester writes from the address on file of a linked entry
// (DESIGN §2: a reply from the address on file is the least intrusive
// check).
func (db *DB) checkDisclosure(ctx context.Context, c Case) error {
	if c.Identity.Status != IdentityUnverified {
		return nil
	}
	linked, err := linkedEntries(ctx, db.r, c.ID)
	if err != nil {
		return err
	}
	for _, e := range linked {
		if emailKey(e.Fields["email"]) == emailKey(c.Requester.Email) {
			return nil
		}
	}
	return ErrIdentityUnverified
}

//go:embed letters/*.tmpl
var builtinLetters embed.FS

// LetterFile is the name of the template of a kind of letter in a
// language: <kind>.<lang>.tmpl.
func LetterFile(kind LetterKind, lang string) string { return string(kind) + "." + lang + ".tmpl" }

// renderLetter executes the template of d's kind and language: from dir
// when dir is not "", else the built-in one. A missing or broken file is
// an error naming it.
func renderLetter(dir string, kind LetterKind, d LetterData) (string, error) {
	name := LetterFile(kind, d.Lang)
	path := "built-in " + name
	var src []byte
	var err error
	if dir != "" {
		path = filepath.Join(dir, name)
		src, err = os.ReadFile(path)
	} else {
		src, err = builtinLetters.ReadFile("letters/" + name)
	}
	if err != nil {
		return "", fmt.Errorf("letter template %s: %w", path, err)
	}
	funcs := template.FuncMap{"list": func(items []string) string { return joinList(d.Lang, items) }}
	t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return "", fmt.Errorf("letter template %s is broken: %w", path, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return "", fmt.Errorf("letter template %s is broken: %w", path, err)
	}
	body := tidyLetter(b.String())
	if strings.TrimSpace(body) == "" {
		return "", fmt.Errorf("letter template %s wrote nothing", path)
	}
	return body, nil
}

// blankLines are runs of more than one empty line.
var blankLines = regexp.MustCompile(`\n{3,}`)

// tidyLetter strips trailing spaces from every line, collapses runs of
// empty lines into one, and ends the text with one newline.
func tidyLetter(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s = blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.Trim(s, "\n") + "\n"
}

// WriteLetterTemplates copies the built-in letter templates into dir
// (created 0700 if missing) to start a folder of replacements from. A file
// that exists is left as it is. It returns the paths it wrote.
func WriteLetterTemplates(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create the letter templates folder %s: %w", dir, err)
	}
	var wrote []string
	for _, k := range LetterKinds {
		for _, lang := range Languages {
			name := LetterFile(k, lang)
			path := filepath.Join(dir, name)
			if _, err := os.Stat(path); err == nil {
				continue
			} else if !errors.Is(err, fs.ErrNotExist) {
				return wrote, fmt.Errorf("letter template %s: %w", path, err)
			}
			src, err := builtinLetters.ReadFile("letters/" + name)
			if err != nil {
				return wrote, fmt.Errorf("built-in letter template %s: %w", name, err)
			}
			if err := writePrivate(path, src); err != nil {
				return wrote, err
			}
			wrote = append(wrote, path)
		}
	}
	return wrote, nil
}
