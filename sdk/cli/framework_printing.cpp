#include "framework_printing.hpp"

#include <string>
#include <vector>

#include "text_table.hpp"

namespace coachkit::cli {

namespace {

const std::string& mode_name(const Framework& framework, const std::string& id) {
    return framework.mode(id).name;
}

std::string join_names(const Framework& framework, const std::vector<std::string>& modes) {
    std::string out;
    for (std::size_t i = 0; i < modes.size(); ++i) {
        if (i > 0)
            out += i + 1 == modes.size() ? " and " : ", ";
        out += mode_name(framework, modes[i]);
    }
    return out;
}

void print_paragraph(std::ostream& out, const std::string& text, std::size_t indent = 0) {
    const std::size_t width = terminal_width();
    for (const auto& line : wrap(text, width > indent + 20 ? width - indent : 20)) {
        out << std::string(indent, ' ') << line << '\n';
    }
}

std::string placement_cell(const Competence& item, const std::string& mode) {
    const auto found = item.modes.find(mode);
    if (found == item.modes.end())
        return "-";
    return found->second.number ? std::to_string(*found->second.number) : "yes";
}

void print_competences(std::ostream& out, const Framework& framework, const std::string& title,
                       const std::vector<std::string>& modes, const CompetenceComparison& result) {
    out << title << "\n\n";
    std::vector<std::string> headers{"", "shared?"};
    for (const auto& mode : modes)
        headers.push_back(mode_name(framework, mode));
    TextTable table(headers);
    auto add = [&](const std::vector<Competence>& items, const std::string& label) {
        for (const auto& item : items) {
            std::vector<std::string> row{item.name, label};
            for (const auto& mode : modes)
                row.push_back(placement_cell(item, mode));
            table.add_row(std::move(row));
        }
    };
    add(result.shared_by_all, modes.size() == 2 ? "both" : "all");
    add(result.shared_by_some, "some");
    for (const auto& mode : modes)
        add(result.unique.at(mode), "only " + mode_name(framework, mode));
    table.print(out, terminal_width());
    out << '\n';
}

}  // namespace

void print_overview(std::ostream& out, const Framework& framework) {
    const auto& info = framework.info();
    out << info.name << " (pack '" << info.id << "'"
        << (info.version.empty() ? "" : " " + info.version) << ")\n\n";
    out << "Principles\n\n";
    TextTable principles({"#", "principle", "what it means"});
    for (const auto& p : framework.principles()) {
        principles.add_row({std::to_string(p.number), p.name, p.summary});
    }
    principles.print(out, terminal_width());
    out << "\nModes\n\n";
    TextTable modes({"id", "mode", "skills", "learner abilities", "activities", "definition"});
    for (const auto& m : framework.modes()) {
        modes.add_row({m.id, m.name, std::to_string(framework.skills_of(m.id).size()),
                       std::to_string(framework.abilities_of(m.id).size()),
                       std::to_string(framework.activities_of(m.id).size()), m.definition});
    }
    modes.print(out, terminal_width());
    out << "\nThemes (follow one around the modes with `coachkit framework theme N`)\n\n";
    TextTable themes({"#", "theme"});
    for (const auto& t : framework.themes())
        themes.add_row({std::to_string(t.number), t.name});
    themes.print(out, terminal_width());
}

void print_mode(std::ostream& out, const Framework& framework, const Mode& mode) {
    out << mode.name << " (" << mode.id << ")\n\n";
    print_paragraph(out, mode.definition);
    if (!mode.purposes.empty()) {
        out << "\nPurposes\n\n";
        TextTable purposes({"purpose", "what it is for"});
        for (const auto& p : mode.purposes)
            purposes.add_row({p.name, p.summary});
        purposes.print(out, terminal_width());
    }
    if (mode.concepts) {
        out << "\nCore concepts\n\n";
        TextTable concepts({"", ""});
        concepts.add_row({"why", mode.concepts->why});
        concepts.add_row({"who", mode.concepts->who});
        concepts.add_row({"what", mode.concepts->what});
        concepts.add_row({"where", mode.concepts->where});
        concepts.add_row({"when", mode.concepts->when});
        concepts.print(out, terminal_width());
    }
    const auto* practitioner = framework.find_role(mode.practitioner_role);
    out << "\nSkills "
        << (practitioner ? "a " + practitioner->name + " learns"
                         : std::string("practitioners learn"))
        << "\n\n";
    TextTable skills({"#", "skill", "what it involves"});
    for (const auto& s : framework.skills_of(mode.id)) {
        skills.add_row({placement_cell(s, mode.id), s.label_in(mode.id), s.summary});
    }
    skills.print(out, terminal_width());
    out << "\nWhat the professional learner develops\n\n";
    TextTable abilities({"ability", "what it involves"});
    for (const auto& a : framework.abilities_of(mode.id))
        abilities.add_row({a.label_in(mode.id), a.summary});
    abilities.print(out, terminal_width());
    out << "\nActivities\n\n";
    TextTable activities({"#", "theme", "activity"});
    for (const auto& a : framework.activities_of(mode.id)) {
        const auto* theme = framework.find_theme(a.theme);
        activities.add_row(
            {std::to_string(a.number), theme ? theme->name : std::to_string(a.theme), a.summary});
    }
    activities.print(out, terminal_width());
}

void print_comparison(std::ostream& out, const Framework& framework,
                      const ModeComparison& comparison) {
    const auto& modes = comparison.modes;
    out << "Comparing " << join_names(framework, modes) << "\n\n";
    print_competences(out, framework, "Skills practitioners learn (number in each mode)", modes,
                      comparison.skills);
    print_competences(out, framework, "What professional learners develop", modes,
                      comparison.abilities);
    out << "Activities by theme (follow a theme around the circles)\n\n";
    std::vector<std::string> headers{"theme"};
    for (const auto& mode : modes)
        headers.push_back(mode_name(framework, mode));
    TextTable themes(headers);
    for (const auto& row : comparison.themes) {
        std::vector<std::string> cells{std::to_string(row.theme.number) + ". " + row.theme.name};
        for (const auto& mode : modes) {
            const auto& activity = row.activities.at(mode);
            cells.push_back(activity ? activity->summary : "-");
        }
        themes.add_row(std::move(cells));
    }
    themes.print(out, terminal_width());
}

void print_theme(std::ostream& out, const Framework& framework, const ThemeRow& row) {
    out << "Theme " << row.theme.number << ": " << row.theme.name << "\n\n";
    if (!row.theme.summary.empty()) {
        print_paragraph(out, row.theme.summary);
        out << '\n';
    }
    TextTable table({"mode", "#", "activity"});
    for (const auto& mode : framework.modes()) {
        const auto& activity = row.activities.at(mode.id);
        table.add_row({mode.name, activity ? std::to_string(activity->number) : "-",
                       activity ? activity->summary : "(no activity on this theme)"});
    }
    table.print(out, terminal_width());
}

}  // namespace coachkit::cli
