using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SurveyTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SurveyDayTotals",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Respondents = table.Column<long>(type: "INTEGER", nullable: false),
                    S1 = table.Column<long>(type: "INTEGER", nullable: false),
                    S2 = table.Column<long>(type: "INTEGER", nullable: false),
                    S3 = table.Column<long>(type: "INTEGER", nullable: false),
                    S4 = table.Column<long>(type: "INTEGER", nullable: false),
                    S5 = table.Column<long>(type: "INTEGER", nullable: false),
                    S6 = table.Column<long>(type: "INTEGER", nullable: false),
                    S7 = table.Column<long>(type: "INTEGER", nullable: false),
                    S8 = table.Column<long>(type: "INTEGER", nullable: false),
                    S9 = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyDayTotals", x => new { x.Day, x.ServiceId, x.AgencyId, x.SiteKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyDayTotals_AgencyId_Day",
                table: "SurveyDayTotals",
                columns: new[] { "AgencyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyDayTotals_ServiceId_Day",
                table: "SurveyDayTotals",
                columns: new[] { "ServiceId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyDayTotals_SiteKey_Day",
                table: "SurveyDayTotals",
                columns: new[] { "SiteKey", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SurveyDayTotals");
        }
    }
}
