using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class PlanTargetConfiguration : IEntityTypeConfiguration<PlanTargetRecord>
{
    public void Configure(EntityTypeBuilder<PlanTargetRecord> b)
    {
        b.ToTable("plan_target", t =>
        {
            // the codes PlanTargetRow accepts; the full rules (value ranges per comparison, key type) stay in Analytics
            t.HasCheckConstraint("ck_plan_target_scope_level", "scope_level IN ('province', 'district', 'communes')");
            t.HasCheckConstraint("ck_plan_target_direction", "direction IN ('at_least', 'at_most')");
            t.HasCheckConstraint("ck_plan_target_comparison", "comparison IN ('absolute', 'percent_change', 'share')");
            t.HasCheckConstraint("ck_plan_target_year", "year BETWEEN 2000 AND 2100");
        });
        b.Property(x => x.ScopeLevel).HasMaxLength(16).IsRequired();
        b.Property(x => x.ScopeCodes).HasColumnType("text[]").IsRequired();
        b.Property(x => x.Indicator).HasMaxLength(32).IsRequired();
        b.Property(x => x.KeyType).HasMaxLength(32);
        b.Property(x => x.Comparison).HasMaxLength(16).IsRequired();
        b.Property(x => x.Direction).HasMaxLength(16).IsRequired();
        b.Property(x => x.LegalBasis).HasMaxLength(500).IsRequired();
        b.Property(x => x.DocumentNumber).HasMaxLength(100).IsRequired();
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
        b.Property(x => x.UpdatedBy).HasMaxLength(100).IsRequired();
        b.Property(x => x.ImportBatch).HasMaxLength(64);
        b.HasIndex(x => x.Year);
    }
}
