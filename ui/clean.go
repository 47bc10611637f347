package ui

// The display sanitiser. Every string that came from mail or from the
// customer register passes Clean (multi-line text) or CleanLine (a single
// field) before it is drawn. The rules:
//
//   - Invalid UTF-8 becomes U+FFFD (�).
//   - ANSI escape sequences are removed whole: CSI (ESC [ params final),
//     OSC (ESC ] … BEL or ST; OSC 8 hyperlinks, OSC 52 clipboard), DCS
//     (ESC P … ST), SOS, PM and APC (ESC X, ESC ^, ESC _ … ST), and
//     ESC followed by one character (ESC c, ESC 7, also ESC ( B with
//     intermediates). ST is ESC \ or U+009C. An unterminated string
//     sequence is removed to the end of the input; a new ESC inside a
//     string sequence ends it, as it does in a terminal, and starts the
//     next sequence. A lone ESC, or ESC before anything that cannot
//     follow it, is removed. A CSI cut short by a byte that cannot be
//     part of it is removed up to that byte.
//   - The 8-bit CSI U+009B followed by a complete CSI sequence is removed
//     like ESC [. Otherwise, every C1 control U+0080–U+009F (including a
//     stray U+009B, U+0085 NEL and the 8-bit OSC/DCS/ST introducers) is
//     shown as its hex code in angle brackets: ⟨9B⟩ (U+27E8, U+27E9), four
//     cells wide.
//   - C0 controls are shown as their Unicode control pictures U+2400+c
//     (␀ … ␟), so a carriage return shows as ␍ and a backspace as ␈; DEL
//     shows as ␡ (U+2421). The exceptions: newline is kept (Clean) or
//     becomes a space (CleanLine); a tab expands to spaces up to the next
//     multiple of eight columns (Clean) or becomes a space (CleanLine); a
//     CR directly before LF is part of the line break and is dropped, so
//     mail with CRLF line ends does not sprout ␍ marks, while a lone CR,
//     the one that could overwrite a line, stays visible.
//   - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, which
//     terminals do not show as line breaks, are treated as newlines.
//   - Bidi controls and invisible format characters (U+061C, U+200B–U+200F,
//     U+202A–U+202E, U+2060–U+2069, U+FEFF) are removed and each run of
//     them is replaced by one HiddenMark (⁇, U+2047, one cell wide), so the
//     text cannot be reordered or padded invisibly and the reader still
//     sees that something was there. HiddenChars counts them, and
//     HiddenBanner gives the warning line a screen shows above such text.
//
// Everything else, including non-Latin scripts, combining marks and emoji,
// passes unchanged. (U+200D ZERO WIDTH JOINER is in the removed set, so an
// emoji ZWJ sequence such as 👨‍💻 shows as 👨⁇💻.) The output of Clean is a fixed point: Clean(Clean(s)) ==
// Clean(s), and likewise for CleanLine. Both run in time linear in len(s);
// text that needs no change is returned as is, without allocating.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// HiddenMark replaces each run of bidi or invisible format characters.
const HiddenMark = "\u2047" // ⁇

// cleanTabWidth is the tab stop distance used by Clean.
const cleanTabWidth = 8

// Clean makes multi-line untrusted text safe to draw: newlines kept, tabs
// expanded, everything else per the rules above.
func Clean(s string) string {
	i := cleanFirstChange(s, false)
	if i == len(s) {
		return s
	}
	return cleanSlow(s, i, false)
}

// CleanLine is Clean for a single-line field (a list cell, a table cell, a
// status line): newlines and tabs become single spaces, runs of whitespace
// collapse, leading/trailing space trimmed.
func CleanLine(s string) string {
	i := cleanFirstChange(s, true)
	if i == len(s) {
		return s
	}
	return cleanSlow(s, i, true)
}

// HiddenChars reports how many bidi/invisible format characters s contains
// (for a warning banner).
func HiddenChars(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if cleanIsHidden(r) {
			n++
		}
		i += size
	}
	return n
}

// HiddenBanner returns a one-line warning for a screen to show above s when
// s contains bidi or invisible format characters, or "" when it contains
// none.
func HiddenBanner(s string) string {
	n := HiddenChars(s)
	switch {
	case n == 0:
		return ""
	case n == 1:
		return "Warning: 1 hidden or text-direction character removed, marked " + HiddenMark
	default:
		return "Warning: " + strconv.Itoa(n) + " hidden or text-direction characters removed, marked " + HiddenMark
	}
}

// cleanIsHidden reports whether r is a bidi control or an invisible format
// character that the sanitiser removes.
func cleanIsHidden(r rune) bool {
	switch {
	case r < 0x061C:
		return false
	case r == 0x061C, r == 0xFEFF:
		return true
	case 0x200B <= r && r <= 0x200F,
		0x202A <= r && r <= 0x202E,
		0x2060 <= r && r <= 0x2069:
		return true
	}
	return false
}

// cleanIsLineSep reports whether r is one of the Unicode line or paragraph
// separators, treated as newlines.
func cleanIsLineSep(r rune) bool { return r == 0x2028 || r == 0x2029 }

// cleanFirstChange returns the index of the first byte of s at which the
// sanitiser has to change something, or len(s) if s can be shown as is.
func cleanFirstChange(s string, line bool) int {
	if line && len(s) > 0 && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return 0
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 0x20 && c < 0x7F:
				if line && c == ' ' && i > 0 && s[i-1] == ' ' {
					return i
				}
			case c == '\n' && !line:
			default:
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r <= 0x9F || cleanIsHidden(r) || cleanIsLineSep(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// cleaner accumulates the sanitised output of the slow path.
type cleaner struct {
	buf  []byte
	line bool // CleanLine mode

	hidden bool // the last thing written was HiddenMark

	// Clean mode: tab expansion state. col is the display width of the
	// current output line up to buf[seg:]; segASCII says buf[seg:] is
	// plain ASCII, so its width is its length.
	col      int
	seg      int
	segASCII bool
}

func cleanSlow(s string, start int, line bool) string {
	c := cleaner{
		buf:      make([]byte, 0, len(s)+16),
		line:     line,
		segASCII: true,
	}
	// The prefix s[:start] needs no change. Find where its last line
	// begins so tab expansion counts columns from there.
	if !line {
		c.seg = strings.LastIndexByte(s[:start], '\n') + 1
		c.segASCII = cleanIsASCII(s[c.seg:start])
	}
	c.buf = append(c.buf, s[:start]...)

	for i := start; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b >= 0x20 && b < 0x7F:
				if b == ' ' && line {
					c.space()
				} else {
					c.hidden = false
					c.buf = append(c.buf, b)
				}
				i++
			case b == '\n':
				c.newline()
				i++
			case b == '\r' && i+1 < len(s) && s[i+1] == '\n':
				c.newline()
				i += 2
			case b == '\t':
				c.tab()
				i++
			case b == 0x1B:
				i = cleanSkipEsc(s, i)
			case b == 0x7F:
				c.mark("\u2421") // ␡
				i++
			default: // other C0 control
				c.hidden = false
				c.segASCII = false
				c.buf = append(c.buf, 0xE2, 0x90, 0x80+b) // U+2400+b
				i++
			}
			continue
		}

		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			c.mark("\uFFFD")
			c.segASCII = false
		case r == 0x9B:
			if j, ok := cleanCSIEnd(s, i+size); ok {
				i = j
				continue
			}
			c.c1(byte(r))
		case r <= 0x9F:
			c.c1(byte(r))
		case cleanIsHidden(r):
			if !c.hidden {
				c.buf = append(c.buf, HiddenMark...)
				c.segASCII = false
				c.hidden = true
			}
		case cleanIsLineSep(r):
			c.newline()
		default:
			c.hidden = false
			c.segASCII = false
			c.buf = append(c.buf, s[i:i+size]...)
		}
		i += size
	}

	if line {
		for len(c.buf) > 0 && c.buf[len(c.buf)-1] == ' ' {
			c.buf = c.buf[:len(c.buf)-1]
		}
	}
	return string(c.buf)
}

// mark writes a visible replacement.
func (c *cleaner) mark(m string) {
	c.hidden = false
	c.segASCII = false
	c.buf = append(c.buf, m...)
}

// c1 writes the mark for the C1 control b (0x80–0x9F): ⟨9B⟩.
func (c *cleaner) c1(b byte) {
	const hex = "0123456789ABCDEF"
	c.hidden = false
	c.segASCII = false
	c.buf = append(c.buf, "\u27E8"...)
	c.buf = append(c.buf, hex[b>>4], hex[b&0xF])
	c.buf = append(c.buf, "\u27E9"...)
}

// space writes one space in CleanLine mode, unless the output is empty or
// already ends in a space.
func (c *cleaner) space() {
	c.hidden = false
	if n := len(c.buf); n > 0 && c.buf[n-1] != ' ' {
		c.buf = append(c.buf, ' ')
	}
}

func (c *cleaner) newline() {
	if c.line {
		c.space()
		return
	}
	c.hidden = false
	c.buf = append(c.buf, '\n')
	c.col = 0
	c.seg = len(c.buf)
	c.segASCII = true
}

func (c *cleaner) tab() {
	if c.line {
		c.space()
		return
	}
	c.hidden = false
	seg := c.buf[c.seg:]
	if c.segASCII {
		c.col += len(seg)
	} else {
		c.col += ansi.StringWidth(string(seg))
	}
	n := cleanTabWidth - c.col%cleanTabWidth
	for range n {
		c.buf = append(c.buf, ' ')
	}
	c.col += n
	c.seg = len(c.buf)
	c.segASCII = true
}

// cleanSkipEsc returns the index just past the escape sequence that starts
// with the ESC at s[i]. Only what a terminal would swallow is skipped.
func cleanSkipEsc(s string, i int) int {
	j := i + 1
	if j >= len(s) {
		return j // lone ESC at the end
	}
	switch b := s[j]; {
	case b == '[': // CSI
		// Complete or cut short, drop what the terminal would have eaten.
		k, _ := cleanCSIEnd(s, j+1)
		return k
	case b == ']': // OSC: ends at BEL or ST
		return cleanStringEnd(s, j+1, true)
	case b == 'P', b == 'X', b == '^', b == '_': // DCS, SOS, PM, APC: end at ST
		return cleanStringEnd(s, j+1, false)
	case b >= 0x20 && b <= 0x2F: // intermediates, then a final byte
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2F {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7E {
			j++
		}
		return j
	case b >= 0x30 && b <= 0x7E: // two-byte sequence: ESC c, ESC 7, ESC \ …
		return j + 1
	default: // ESC before a control, DEL or non-ASCII: drop the ESC alone
		return j
	}
}

// cleanCSIEnd scans the rest of a CSI sequence from s[i] (just after the
// introducer): parameter and intermediate bytes, then one final byte. It
// returns the index after the sequence and true, or the index of the first
// byte that cannot belong to it (or len(s)) and false.
func cleanCSIEnd(s string, i int) (int, bool) {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3F {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7E {
		return i + 1, true
	}
	return i, false
}

// cleanStringEnd returns the index just past the end of a control string
// (OSC, DCS, SOS, PM, APC) whose payload starts at s[i]. The string ends
// at ST (ESC \ or U+009C), at BEL when bel is set, before any other ESC
// (which starts a new sequence), or at the end of the input.
func cleanStringEnd(s string, i int, bel bool) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			if bel {
				return i + 1
			}
		case 0x1B:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xC2:
			if i+1 < len(s) && s[i+1] == 0x9C {
				return i + 2
			}
		}
	}
	return len(s)
}

func cleanIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
