package register

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"text/template"
)

// The privacy-notice part of the access report: the Art. 15(1)(a)–(h)
// information — purposes, categories, recipients, retention, the other
// rights, the right to complain, the source, automated decisions — one
// Markdown text/template per language. The built-in texts follow Sesoma's
// privacy notice; a folder of replacements (config: [register] notice_dir)
// overrides them file by file.

//go:embed notice/notice.fi.md notice/notice.sv.md notice/notice.en.md
var builtinNotices embed.FS

// NoticeData is what a notice template is executed with.
type NoticeData struct {
	// Recipients are the named recipients the register's data is
	// disclosed to; none means none is.
	Recipients []string
	Lang       string // fi, sv or en
	Case       string // the case's tag
}

// NoticeFile is the name of the notice template of a language.
func NoticeFile(lang string) string { return "notice." + lang + ".md" }

// renderNotice executes the notice template of lang: from dir when dir is
// not "", else the built-in one. A missing or broken file is an error
// naming it.
func renderNotice(dir string, data NoticeData) (string, error) {
	if !slices.Contains(Languages, data.Lang) {
		return "", fmt.Errorf("privacy notice: language %q: want one of fi, sv, en", data.Lang)
	}
	name := NoticeFile(data.Lang)
	var src []byte
	var err error
	path := "built-in " + name
	if dir != "" {
		path = filepath.Join(dir, name)
		src, err = os.ReadFile(path)
	} else {
		src, err = builtinNotices.ReadFile("notice/" + name)
	}
	if err != nil {
		return "", fmt.Errorf("privacy notice %s: %w", path, err)
	}
	t, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return "", fmt.Errorf("privacy notice %s is broken: %w", path, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("privacy notice %s is broken: %w", path, err)
	}
	return b.String(), nil
}
