"""随手拍: citizens report uncivil behaviour with photos; bureaus triage the reports in the admin
and may turn one into a behaviour-notice draft on the exposure board. See docs/suishoupai.md."""
