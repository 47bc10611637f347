package inbox

import (
	"regexp"
	"strings"
)

// tagPattern finds the case tag dsrdesk puts into the subjects it writes.
var tagPattern = regexp.MustCompile(`\[(DSR-\d{4}-\d{4,})\]`)

// replyPrefix matches one reply prefix as Finnish, Swedish, English and
// German clients write them: Re:, SV:, VS:, Vs:, AW:, with an optional
// counter (Re[2]:, Re^2:).
var replyPrefix = regexp.MustCompile(`(?i)^\s*(re|sv|vs|aw|antw|ynt)(\[\d+\]|\^\d+)?\s*:\s*`)

// forwardPrefix matches one forward prefix: Fwd:, FW:, VL: (välitetty), VB:
// (vidarebefordrat), WG: (weitergeleitet).
var forwardPrefix = regexp.MustCompile(`(?i)^\s*(fwd?|vl|vb|wg|tr)\s*:\s*`)

// threadOf reads the threading hints out of a subject.
func threadOf(subject string) Thread {
	var t Thread
	if m := tagPattern.FindStringSubmatch(subject); m != nil {
		t.Tag = m[1]
		subject = strings.Replace(subject, m[0], " ", 1)
	}
	for {
		if loc := replyPrefix.FindStringIndex(subject); loc != nil {
			subject, t.Reply = subject[loc[1]:], true
			continue
		}
		if loc := forwardPrefix.FindStringIndex(subject); loc != nil {
			subject = subject[loc[1]:]
			continue
		}
		break
	}
	t.BaseSubject = strings.ToLower(strings.Join(strings.Fields(subject), " "))
	return t
}

// IsForwardSubject reports whether subject starts with a forward prefix.
func IsForwardSubject(subject string) bool { return forwardPrefix.MatchString(subject) }
