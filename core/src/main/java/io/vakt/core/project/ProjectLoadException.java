package io.vakt.core.project;

import java.util.List;

/**
 * A project folder that cannot be loaded, with every problem found (not only the first), each naming its
 * file and line. The message lists the first {@value #LISTED} of them.
 */
public final class ProjectLoadException extends RuntimeException {
    static final int LISTED = 20;

    private final List<ProjectException> problems;

    public ProjectLoadException(List<ProjectException> problems) {
        super(describe(problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a load failure needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order they were found. */
    public List<ProjectException> problems() { return problems; }

    private static String describe(List<ProjectException> problems) {
        StringBuilder text = new StringBuilder("the project has ").append(problems.size())
                .append(problems.size() == 1 ? " error:" : " errors:");
        for (int i = 0; i < Math.min(LISTED, problems.size()); i++) {
            text.append("\n  ").append(problems.get(i).getMessage());
        }
        if (problems.size() > LISTED) text.append("\n  … and ").append(problems.size() - LISTED).append(" more");
        return text.toString();
    }
}
