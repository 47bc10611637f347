package inbox

import (
	"strings"
	"sync"
)

// textSource says where a piece of text came from, which decides how much
// its words count.
type textSource uint8

const (
	srcOwn          textSource = iota // the writer's own text
	srcSubject                        // the subject of a new message
	srcReplySubject                   // the subject of a reply: weak evidence only
	srcForwarded                      // forwarded or attached text: at most medium evidence
	srcQuoted                         // quoted text: never evidence, only a hint for Other
)

// maxAnalysed caps how much of each part of a message is read: a request
// sits at the top, and the classifier must stay fast on hostile input.
const maxAnalysed = 64 << 10

// textSplit is a mail's text split by splitQuoted, once for both the
// classifier and the language.
type textSplit struct{ own, forwarded, quoted string }

// splitText splits p's text as the classifier and Language read it.
func splitText(p Parsed) textSplit {
	own, fwd, quoted := splitQuoted(p.Text, IsForwardSubject(p.Subject))
	return textSplit{own, fwd, quoted}
}

// splitQuoted separates a body into the writer's own text, forwarded text
// and quoted text. Lines starting with ">" are quoted; so is everything
// after a reply header ("-----Original Message-----", "On … wrote:",
// "… kirjoitti:", "… skrev:", an Outlook "From:/Sent:" block), unless the
// subject says the message is a forward, in which case such blocks are
// forwarded text. A "-- " signature is dropped. Forward markers ("Forwarded
// message", "Välitetty viesti", "Vidarebefordrat meddelande", the parser's
// "Attached message") start forwarded text, whose first level of ">" is
// taken off.
func splitQuoted(text string, forwardSubject bool) (own, forwarded, quoted string) {
	const (
		stOwn = iota
		stSignature
		stForwarded
		stQuoted
	)
	// The three texts are collected in pooled buffers and each copied once
	// into its string, rather than grown line by line in new memory.
	sc := quotedScratchPool.Get().(*quotedScratch)
	ob, fb, qb := sc.own[:0], sc.fwd[:0], sc.quoted[:0]
	state := stOwn
	rest := text
	for rest != "" {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		if state == stForwarded {
			// The parser quotes an attached message; take one level off.
			if strings.HasPrefix(trimmed, ">") {
				trimmed = strings.TrimSpace(trimmed[1:])
				line = trimmed
			}
		}
		switch {
		case isForwardMarker(trimmed):
			state = stForwarded
			continue
		case state != stQuoted && isReplyMarker(trimmed, rest):
			if forwardSubject {
				state = stForwarded
			} else {
				state = stQuoted
			}
		case state == stOwn && (line == "-- " || trimmed == "--"):
			state = stSignature
			continue
		case state == stOwn && isAttribution(trimmed):
			// "On … wrote:" followed by ">" lines: only the attribution
			// line is dropped; a bottom-posted answer after it is own text.
			if !nextLineQuoted(rest) {
				state = stQuoted
			}
			continue
		}
		target := &ob
		switch {
		case state == stSignature:
			continue
		case state == stQuoted, strings.HasPrefix(trimmed, ">"):
			target = &qb
		case state == stForwarded:
			target = &fb
		}
		if len(*target) < maxAnalysed {
			*target = append(*target, line...)
			*target = append(*target, '\n')
		}
	}
	own, forwarded, quoted = string(ob), string(fb), string(qb)
	// A very long line can make a buffer much larger than maxAnalysed:
	// such a buffer is left to the garbage collector, not kept in the pool.
	if max(cap(ob), cap(fb), cap(qb)) <= 4*maxAnalysed {
		sc.own, sc.fwd, sc.quoted = ob, fb, qb
		quotedScratchPool.Put(sc)
	}
	return own, forwarded, quoted
}

// quotedScratch is splitQuoted's working space, reused through
// quotedScratchPool: the own, forwarded and quoted text being collected.
// Nothing in it escapes; the results are string copies.
type quotedScratch struct {
	own, fwd, quoted []byte
}

// quotedScratchPool holds *quotedScratch for splitQuoted.
var quotedScratchPool = sync.Pool{New: func() any { return new(quotedScratch) }}

// isForwardMarker reports whether a line starts forwarded text.
func isForwardMarker(line string) bool {
	if len(line) > 120 || len(line) < 10 ||
		line[0] != '-' && line[0] != 'B' && line[0] != 'b' && line[len(line)-1] != ':' {
		return false
	}
	l := foldString(line)
	for _, m := range []string{"forwarded message", "valitetty viesti", "vidarebefordrat meddelande",
		"vidarebefordrat brev", "attached message", "begin forwarded message", "edelleenlahetetty viesti",
		"weitergeleitete nachricht"} {
		if strings.Contains(l, m) && (strings.HasPrefix(l, "-") || strings.HasPrefix(l, "begin") || strings.HasSuffix(l, ":")) {
			return true
		}
	}
	return false
}

// isReplyMarker reports whether a line starts the quoted original of a
// reply: an "Original Message" rule or an Outlook header block.
func isReplyMarker(line, rest string) bool {
	if len(line) > 200 || line == "" {
		return false
	}
	if line[0] == '-' || line[0] == '_' {
		l := strings.Trim(foldString(line), "-_ ")
		switch l {
		case "original message", "alkuperainen viesti", "ursprungligt meddelande",
			"ursprungliga meddelandet", "originalnachricht", "original meddelande":
			return true
		}
		return false
	}
	if !isHeaderLine(line, "from", "lahettaja", "fran", "von", "de") {
		return false
	}
	// An Outlook block: From: followed closely by Sent:/Date:/To:/Subject:.
	for n := 0; n < 5 && rest != ""; n++ {
		next := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			next, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if isHeaderLine(strings.TrimSpace(next), "sent", "date", "to", "subject", "lahetetty", "paivamaara",
			"vastaanottaja", "aihe", "skickat", "datum", "till", "amne", "gesendet", "an", "betreff") {
			return true
		}
	}
	return false
}

// isHeaderLine reports whether line starts with one of the given field names
// (folded) and a colon.
func isHeaderLine(line string, names ...string) bool {
	colon := strings.IndexByte(line, ':')
	if colon <= 0 || colon > 20 {
		return false
	}
	key := foldString(strings.TrimLeft(line[:colon], "*> "))
	for _, n := range names {
		if key == n {
			return true
		}
	}
	return false
}

// isAttribution reports whether a line is a reply's attribution: "On …
// wrote:", "… kirjoitti:", "… skrev …:".
func isAttribution(line string) bool {
	if len(line) > 300 || !strings.HasSuffix(line, ":") {
		return false
	}
	l := " " + foldString(line)
	for _, w := range []string{" wrote", " kirjoitti", " skrev", " schrieb", " a ecrit"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// nextLineQuoted reports whether the next non-empty line starts with ">".
func nextLineQuoted(rest string) bool {
	for rest != "" {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if t := strings.TrimSpace(line); t != "" {
			return strings.HasPrefix(t, ">")
		}
	}
	return false
}
