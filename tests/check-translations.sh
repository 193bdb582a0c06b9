#!/bin/sh
# Every shipped language (po/LINGUAS) is complete: the template is extracted
# from today's sources, each translation merged with it, and a message that is
# missing, fuzzy (its English changed) or malformed fails the test.
set -eu
root="$1"
work="$2/translations"
mkdir -p "$work"
cd "$root"
xgettext --package-name=disputes --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_set_error:4:c-format \
  --flag=g_error_new:3:c-format \
  --files-from=po/POTFILES.in --directory="$root" --output="$work/disputes.pot"
status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-location "po/$lang.po" "$work/disputes.pot" -o "$work/$lang.po"
  figures=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1) || status=1
  echo "$lang: $figures"
  case "$figures" in
    *fuzzy*|*untranslated*)
      status=1
      msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep '^msgid' | sed "s/^/$lang fuzzy: /" || true
      msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep '^msgid' | sed "s/^/$lang missing: /" || true
      ;;
  esac
done
exit "$status"
