using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CheckCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(16077)", maxLength: 16077, nullable: false),
                    PublicText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReporterName = table.Column<string>(type: "character varying(877)", maxLength: 877, nullable: true),
                    ReporterEmail = table.Column<string>(type: "character varying(1093)", maxLength: 1093, nullable: true),
                    ReporterPhone = table.Column<string>(type: "character varying(157)", maxLength: 157, nullable: true),
                    ReporterUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AttachmentKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AttachmentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ForwardDue = table.Column<DateOnly>(type: "date", nullable: false),
                    ForwardedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnswerDue = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CloseOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EscalatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Open311ClientId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Open311Clients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Open311Clients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SurveyResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: true),
                    U1 = table.Column<byte>(type: "smallint", nullable: false),
                    U2 = table.Column<byte>(type: "smallint", nullable: false),
                    U3 = table.Column<byte>(type: "smallint", nullable: false),
                    U4 = table.Column<byte>(type: "smallint", nullable: false),
                    U5 = table.Column<byte>(type: "smallint", nullable: false),
                    U6 = table.Column<byte>(type: "smallint", nullable: false),
                    U7 = table.Column<byte>(type: "smallint", nullable: false),
                    U8 = table.Column<byte>(type: "smallint", nullable: false),
                    U9 = table.Column<byte>(type: "smallint", nullable: false),
                    AgeYears = table.Column<int>(type: "integer", nullable: true),
                    Sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Education = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Occupation = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ComplaintEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FromStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ToStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Public = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintEvents_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintEvents_ComplaintId_AtUtc",
                table: "ComplaintEvents",
                columns: new[] { "ComplaintId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_AgencyId_Status",
                table: "Complaints",
                columns: new[] { "AgencyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Number",
                table: "Complaints",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_ForwardDue",
                table: "Complaints",
                columns: new[] { "Status", "ForwardDue" });

            migrationBuilder.CreateIndex(
                name: "IX_Open311Clients_KeyHash",
                table: "Open311Clients",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_AgencyId_Day",
                table: "SurveyResponses",
                columns: new[] { "AgencyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ApplicationId",
                table: "SurveyResponses",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_Day",
                table: "SurveyResponses",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ServiceId_Day",
                table: "SurveyResponses",
                columns: new[] { "ServiceId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_SiteId_Day",
                table: "SurveyResponses",
                columns: new[] { "SiteId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_TicketId",
                table: "SurveyResponses",
                column: "TicketId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintEvents");

            migrationBuilder.DropTable(
                name: "Open311Clients");

            migrationBuilder.DropTable(
                name: "SurveyResponses");

            migrationBuilder.DropTable(
                name: "Complaints");
        }
    }
}
