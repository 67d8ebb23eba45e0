# Basic roles on a project (as tests/pulumi_programs/gcp.py project_admins() and project_custom_role_grant()):
# an owner, an editor binding, a viewer, an owner whose member is a service account created in the same apply,
# and a custom role granted by its id (only known after apply). Provider block: ../provider.tf.in.
resource "google_project_iam_member" "ops_owner" {
  project = "phi-prod"
  role    = "roles/owner"
  member  = "user:ops@phi.example"
}

resource "google_project_iam_binding" "editors" {
  project = "phi-prod"
  role    = "roles/editor"
  members = ["group:devs@phi.example", "serviceAccount:ci@phi-prod.iam.gserviceaccount.com"]
}

resource "google_project_iam_member" "auditor" {
  project = "phi-prod"
  role    = "roles/viewer"
  member  = "group:audit@phi.example"
}

resource "google_service_account" "robot" {
  account_id = "robot"
}

resource "google_project_iam_member" "robot_owner" {
  project = "phi-prod"
  role    = "roles/owner"
  member  = google_service_account.robot.member
}

resource "google_project_iam_custom_role" "ops" {
  project     = "phi-prod"
  role_id     = "opsRole"
  title       = "Ops"
  permissions = ["compute.instances.start", "compute.instances.stop"]
}

resource "google_project_iam_member" "ops_custom" {
  project = "phi-prod"
  role    = google_project_iam_custom_role.ops.id
  member  = "group:ops@phi.example"
}
