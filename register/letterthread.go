package register

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// How a letter joins the requester's thread: the case tag in brackets at
// the end of its subject (the pattern inbox/thread.go finds in replies,
// \[(DSR-\d{4}-\d{4,})\]), and In-Reply-To and References naming the
// requester's messages.

// Reply and forward prefixes and case tags already in a request's subject,
// taken off before "Re: " and the case's tag are put on. They match what
// inbox/thread.go takes off.
var (
	subjectTag     = regexp.MustCompile(`\[DSR-\d{4}-\d{4,}\]`)
	subjectReply   = regexp.MustCompile(`(?i)^\s*(re|sv|vs|aw|antw|ynt)(\[\d+\]|\^\d+)?\s*:\s*`)
	subjectForward = regexp.MustCompile(`(?i)^\s*(fwd?|vl|vb|wg|tr)\s*:\s*`)
)

// LetterSubject is the subject of a letter answering a request with the
// given subject: "Re: <subject> [<tag>]", the subject on one line and
// without its own reply or forward prefixes and case tags; a default
// subject in lang when nothing is left of it.
func LetterSubject(subject, tag, lang string) string {
	s := subjectTag.ReplaceAllString(oneLine(subject), " ")
	for {
		if loc := subjectReply.FindStringIndex(s); loc != nil {
			s = s[loc[1]:]
		} else if loc := subjectForward.FindStringIndex(s); loc != nil {
			s = s[loc[1]:]
		} else {
			break
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		s = letterNoSubject[lang]
	}
	if s == "" {
		s = letterNoSubject["fi"]
	}
	return "Re: " + s + " [" + tag + "]"
}

// letterThread returns the Message-ID a letter answers — the requester's
// newest message with one (a request a colleague forwarded counts as the
// requester's), else the case's newest — and its References:
// that message's own References, then the case's messages up to it, each
// once, ending with it.
func letterThread(c CaseDetail) (string, []string) {
	fromRequester, newest := -1, -1
	for i, m := range c.Messages {
		if m.MessageID == "" {
			continue
		}
		newest = i
		if m.Disposition == DispositionSent {
			continue // the company's own letter, whoever it is to
		}
		from := m.Requester.Email
		if from == "" {
			from = m.From.Email
		}
		if strings.EqualFold(strings.TrimSpace(from), strings.TrimSpace(c.Requester.Email)) {
			fromRequester = i
		}
	}
	parent := fromRequester
	if parent < 0 {
		parent = newest
	}
	if parent < 0 {
		return "", nil
	}
	p := c.Messages[parent]
	refs := []string{}
	add := func(id string) {
		if id = strings.Trim(strings.TrimSpace(id), "<>"); id != "" && id != p.MessageID && !slices.Contains(refs, id) {
			refs = append(refs, id)
		}
	}
	for _, id := range p.References {
		add(id)
	}
	for _, m := range c.Messages[:parent] {
		add(m.MessageID)
	}
	return p.MessageID, append(refs, p.MessageID)
}

// accessAttachments returns the paths of the files of the access report
// rec records, in the folder ExportAccess wrote it in under dir:
// <tag>-access-<YYYYMMDD-HHMMSS>, or the latest -2, -3… of that second.
// dir may also be that report folder itself (ExportResult.Folder). A
// folder or file that is not there is an error naming it.
func accessAttachments(dir, tag string, rec ActionRecord) ([]string, error) {
	stamp := tag + "-access-" + rec.At.In(Helsinki).Format("20060102-150405")
	if name := filepath.Base(dir); name == stamp || strings.HasPrefix(name, stamp+"-") {
		dir = filepath.Dir(dir)
	}
	base := filepath.Join(dir, stamp)
	folder := ""
	for i := 1; i <= 100; i++ {
		path := base
		if i > 1 {
			path = fmt.Sprintf("%s-%d", base, i)
		}
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			folder = path
		}
	}
	if folder == "" {
		return nil, fmt.Errorf("the access report of %s is not in %s (looked for %s): write it again, or compose without attachments",
			rec.At.In(Helsinki).Format(time.DateTime), dir, filepath.Base(base))
	}
	var paths []string
	for _, name := range rec.Files {
		path := filepath.Join(folder, filepath.Base(name))
		fi, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("access report file %s: %w", path, err)
		}
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("access report file %s is not a regular file", path)
		}
		paths = append(paths, path)
	}
	return paths, nil
}
