namespace DiaBan.Analytics.Classification;

/// <summary>Checks that a rule set can be evaluated unambiguously (an administrator edits these by hand).</summary>
public static class RuleSetValidator
{
    public static IReadOnlyList<string> Problems(RuleSet ruleSet)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ruleSet.Id)) problems.Add("id: empty");
        if (ruleSet.Version < 1) problems.Add("version: must be >= 1");
        if (string.IsNullOrWhiteSpace(ruleSet.Name)) problems.Add("name: empty");
        if (string.IsNullOrWhiteSpace(ruleSet.LegalBasis)) problems.Add("legal_basis: empty");
        if (ruleSet.EffectiveTo is { } to && to <= ruleSet.EffectiveFrom) problems.Add("effective_to: must be after effective_from");
        if (ruleSet.Classes.Count == 0) problems.Add("classes: empty");

        var statuses = ruleSet.Classes.Select(c => c.Status).ToArray();
        foreach (var duplicate in statuses.GroupBy(s => s).Where(g => g.Count() > 1))
            problems.Add($"classes: status {duplicate.Key.Code()} appears more than once");
        if (statuses.Contains(ruleSet.Fallback.Status)) problems.Add("fallback.status: must not also be a class");
        // insufficient data is the classifier's answer to missing figures, never something a rule decides
        if (!ruleSet.Fallback.Status.IsRanked()) problems.Add("fallback.status: insufficient_data is not a status a rule set can give");
        for (var i = 0; i < statuses.Length; i++)
            if (!statuses[i].IsRanked()) problems.Add($"classes[{i}].status: insufficient_data is not a status a rule set can give");

        for (var i = 0; i < ruleSet.Classes.Count; i++)
            CheckClass(ruleSet, ruleSet.Classes[i], $"classes[{i}]", problems);
        return problems;
    }

    public static void ThrowIfInvalid(RuleSet ruleSet)
    {
        var problems = Problems(ruleSet);
        if (problems.Count > 0) throw new RuleSetFormatException(problems);
    }

    private static void CheckClass(RuleSet ruleSet, StatusClassRule cls, string path, List<string> problems)
    {
        if (cls.Criteria.Count == 0) problems.Add($"{path}.criteria: empty");
        if (cls.MinCriteria < 1 || cls.MinCriteria > cls.Criteria.Count)
            problems.Add($"{path}.min_criteria: must be between 1 and the number of criteria ({cls.Criteria.Count})");
        foreach (var duplicate in cls.Criteria.GroupBy(c => c.Code).Where(g => g.Count() > 1))
            problems.Add($"{path}.criteria: code '{duplicate.Key}' appears more than once");

        for (var j = 0; j < cls.Criteria.Count; j++)
        {
            var criterion = cls.Criteria[j];
            var at = $"{path}.criteria[{j}]";
            if (string.IsNullOrWhiteSpace(criterion.Code)) problems.Add($"{at}.code: empty");
            if ((criterion.Condition is null) == (criterion.Route is null))
                problems.Add($"{at}: needs exactly one of 'condition' or 'route'");
            if (criterion.Condition is { } condition) CheckCondition(condition, $"{at}.condition", problems);
            if (criterion.Route is { } route) CheckRoute(ruleSet, route, $"{at}.route", problems);
        }
    }

    private static void CheckCondition(ConditionRule c, string path, List<string> problems)
    {
        if (c.AnyOf is not null && c.AllOf is not null) problems.Add($"{path}: use either any_of or all_of, not both");
        if (!c.IsLeaf)
        {
            if (c.Measure is not null || c.Op is not null || c.Value is not null || c.Lower is not null
                || c.Upper is not null || c.Confirmed is not null)
                problems.Add($"{path}: a composite takes no measure/op/value/lower/upper/confirmed (put them on its parts)");
            var parts = c.AnyOf ?? c.AllOf!;
            if (parts.Count == 0) problems.Add($"{path}: empty composite");
            for (var i = 0; i < parts.Count; i++)
                CheckCondition(parts[i], $"{path}.{(c.AnyOf is not null ? "any_of" : "all_of")}[{i}]", problems);
            return;
        }

        if (c.Measure is null) problems.Add($"{path}.measure: missing");
        if (c.Confirmed is null) problems.Add($"{path}.confirmed: missing (true only if read in an official source)");
        switch (c.Op)
        {
            case null:
                problems.Add($"{path}.op: missing");
                break;
            case Comparison.Band:
                if (c.Lower is null || c.Upper is null) problems.Add($"{path}: band needs lower and upper");
                else if (c.Lower >= c.Upper) problems.Add($"{path}: band needs lower < upper");
                if (c.Value is not null) problems.Add($"{path}.value: not used by a band");
                break;
            default:
                if (c.Value is null) problems.Add($"{path}.value: missing");
                if (c.Lower is not null || c.Upper is not null) problems.Add($"{path}: lower/upper only go with op 'band'");
                break;
        }
    }

    private static void CheckRoute(RuleSet ruleSet, RouteRule route, string path, List<string> problems)
    {
        if (route.ReferenceStatuses.Count == 0) problems.Add($"{path}.reference_statuses: empty");
        var referenced = ruleSet.Classes.Where(c => route.ReferenceStatuses.Contains(c.Status)).ToArray();
        foreach (var status in route.ReferenceStatuses.Where(s => referenced.All(c => c.Status != s)))
            problems.Add($"{path}.reference_statuses: {status.Code()} is not a class of this rule set");
        var codes = referenced.SelectMany(c => c.Criteria).Where(c => c.Condition is not null).Select(c => c.Code).Distinct().Count();
        if (route.MinCriteria < 1 || route.MinCriteria > codes)
            problems.Add($"{path}.min_criteria: must be between 1 and the {codes} criteria of the referenced classes");
    }
}
