#!/usr/bin/env bash
# Install the Debian packages that `make latexpdf` and `make handouts` need:
# latexmk and XeLaTeX, the LaTeX packages Sphinx's LaTeX builder uses, the
# FreeFont family (Unicode text and math symbols), and poppler-utils
# (pdftotext, pdftoppm) with which the tests read the PDFs.  Run as root.
set -euo pipefail
packages=(
  latexmk
  texlive-latex-recommended
  texlive-latex-extra
  texlive-fonts-recommended
  tex-gyre
  texlive-xetex
  # German hyphenation and polyglossia's German, for a site whose language is German (tests/site/test_german.py).
  texlive-lang-german
  fonts-freefont-otf
  poppler-utils
)
if dpkg -s "${packages[@]}" >/dev/null 2>&1; then
  echo "install-tex: all ${#packages[@]} packages are installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
