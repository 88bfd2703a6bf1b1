// Type-checked against the types openapi-typescript generates from specs/huaweicloud-das.yaml (./das.d.ts).
// Each @ts-expect-error line must fail to compile: the generated types have to be strict enough to catch it.
import type { components, operations, paths } from "./das";

type Op = operations["CreateInstanceConnection"];
type Body = components["schemas"]["CreateInstanceConnectionRequestBody"];
type Created = Op["responses"][200]["content"]["application/json"];
type Failed = Op["responses"][400]["content"]["application/json"];

export const sameOperation: Op = null as unknown as paths["/v3/{project_id}/instances/{instance_id}/create-connection"]["post"];

export const path: Op["parameters"]["path"] = {
  project_id: "052041494800d57c2f02c00275b4c247",
  instance_id: "bcfa975193f1402fa11a6d4fd6baf5fbin01",
};
export const header: NonNullable<Op["parameters"]["header"]> = { "X-Language": "en-us" };
export const body: Body = {
  engine_type: "mysql",
  network_type: "rds",
  username: "root",
  is_save_password: true,
  password: "Gauss_2345",
  sql_record_flag: true,
  remarks: "create by api",
};
export const requestBody: Op["requestBody"]["content"]["application/json"] = body;

export function connectionId(created: Created): string {
  return created.connection_id;
}
export function errorCode(failed: Failed): string {
  return `${failed.error_code}: ${failed.error_msg} (${failed.request_id ?? "no request id"})`;
}

// @ts-expect-error engine_type is a closed enum
export const badEngine: Body = { ...body, engine_type: "oracle" };
// @ts-expect-error password is required
export const noPassword: Body = { engine_type: "mysql", network_type: "rds", username: "root", is_save_password: true };
// @ts-expect-error port is a number
export const badPort: Body = { ...body, port: "3306" };
// @ts-expect-error X-Language is en-us or zh-cn
export const badLanguage: NonNullable<Op["parameters"]["header"]> = { "X-Language": "fr-fr" };
