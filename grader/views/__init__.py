"""Every rendering of results, and nothing else: each view takes typed results (grader/results.py)
and says them for one reader. Views never grade, and nothing below them imports them. Their
words for a diagnosis, a case and a misconception come from grader/phrases.py, below them
(grading says a helper's mistake with the same words).

    palette.py        score colours and the heat-map palette (terminal and student page)
    example.py        which failing case is the worked example (the smallest), and how it was called
    pictures.py       a case's inputs, expected and received maps as one PNG (student page, notebook)
    terminal.py       `grade`'s report: heat maps and differing cells on a TTY, plain text otherwise
    student_page.py   `grade --html`: one self-contained page for the student
    feedback.py       Markdown (or HTML) feedback files handed back after a batch, and their one writer
    gradescope.py     Gradescope's results.json (GitHub Classroom reuses its per-test scores)
    comments.py       the comments stored beside each grade in the gradebook
    class_report.py   `grade report`: the instructor's page, from the gradebook
    quiz_stats.py     the class report's quiz table: each option's share and the misconception it points to
    quiz_view.py      `grade quiz`: a student's own questions (quiz.own_questions), in the terminal or a notebook

Modules are imported where used (nothing is re-exported here): the terminal view costs rich,
the pictures matplotlib.
"""
