"""What every ``seminar`` command's exit status means: the same in each, and said in each --help."""

PROBLEMS, USAGE = 1, 2

EXIT_STATUS = ("exit status: 0 when done; 1 when the site's files have problems (a page, references.bib, "
               "a file that is not written because it is not this command's); 2 when the command is used "
               "wrongly (an unknown or missing option, a value that is not valid, a day that no term covers "
               "or that clashes, a folder that is a site already): change the command and run it again")
