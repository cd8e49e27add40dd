namespace DiaBan.Analytics.Classification;

/// <summary>
/// Criterion đ (Decision 28/2025): enough criteria of the referenced classes hold AND the unit is on a key route.
/// </summary>
internal static class RouteEvaluator
{
    public static CriterionEvaluation Evaluate(
        CommuneStatus classStatus, CriterionRule criterion, IndicatorFigures figures,
        IReadOnlyList<CriterionEvaluation> referenced)
    {
        var rule = criterion.Route!;
        var byCode = referenced.GroupBy(e => e.Code, StringComparer.Ordinal).ToArray();
        var heldCodes = byCode.Where(g => g.Any(e => e.Held == true)).Select(g => g.Key).ToArray();
        var unknownCodes = byCode.Where(g => g.All(e => e.Held != true) && g.Any(e => e.Held is null))
            .Select(g => g.Key).ToArray();
        var robustHeldCodes = byCode.Count(g => g.Any(e => e.Held == true && !e.Provisional));
        // a letter that failed everywhere but failed on some unconfirmed threshold could still turn into "held"
        var flippableCodes = byCode.Count(g => g.All(e => e.Held == false) && g.Any(e => e.Provisional));

        bool? enough = heldCodes.Length >= rule.MinCriteria ? true
            : heldCodes.Length + unknownCodes.Length < rule.MinCriteria ? false
            : null;
        var onRoute = figures.OnKeyRoute;
        bool? held = onRoute == false || enough == false ? false
            : onRoute == true && enough == true ? true
            : null;

        bool robust;
        if (onRoute == false) robust = true; // off the route it fails whatever the thresholds say
        else if (!rule.Confirmed) robust = false;
        else if (enough == true) robust = robustHeldCodes >= rule.MinCriteria;
        else robust = heldCodes.Length + flippableCodes < rule.MinCriteria;

        var missing = referenced.Aggregate(IndicatorField.None, (acc, e) => acc | e.MissingInputs)
                      | (onRoute is null ? IndicatorField.OnKeyRoute : IndicatorField.None);
        return new CriterionEvaluation
        {
            ClassStatus = classStatus,
            Code = criterion.Code,
            Description = criterion.Description,
            Held = held,
            Confirmed = rule.Confirmed && referenced.All(e => e.Confirmed),
            Provisional = !robust,
            MissingInputs = missing,
            Route = new RouteEvaluation
            {
                OnKeyRoute = onRoute,
                MinCriteria = rule.MinCriteria,
                ReferenceStatuses = rule.ReferenceStatuses,
                HeldCodes = heldCodes,
                UnknownCodes = unknownCodes,
                Confirmed = rule.Confirmed,
                Source = rule.Source,
            },
        };
    }
}
