"""The editor in `site-builder serve` (issue 28): forms at /_edit/ that write content files.

It writes the plain files a volunteer would type, through the file layer
(content_edits.py, yaml_edits.py): nothing here chooses a path from a request,
and nothing is written that `site-builder check` would refuse.

- access.py     who may use it: loopback only, or a printed token; page tokens, Origin, Host
- requests.py   a WSGI request read: query, form fields, uploaded files (size-limited)
- app.py        the routes under /_edit/: pages, saves, the live preview
- facts.py      what the forms offer (categories, residents and balances, rolls, wishes)
- checking.py   a change checked as `build` would check it, in a copy of content/
- saving.py     a checked change written, or refused with errors by field or a conflict
- story_form.py, entry_forms.py, points_form.py, wish_form.py: one module per kind of form
- story_files.py a story or notice file read into fields, and written back keeping its bytes
- repeats.py    the 重复 presets, each a repeat rule aligned with the start
- uploads.py    a picture upload: real images only, stored under assets/ with a safe name
"""
