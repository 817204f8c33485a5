"""How the site is found and shared (docs/sharing.md): share cards and canonical links, the
sitemap, robots.txt, the favicon, the HTML site map, per-page QR codes and the section feeds."""
