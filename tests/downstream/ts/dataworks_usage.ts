// Type-checked against the types openapi-typescript generates from specs/alibabacloud-dataworks.yaml
// (./dataworks.d.ts). Each @ts-expect-error line must fail to compile.
import type { components, operations, paths } from "./dataworks";

type Op = operations["CreateConnection"];
type Query = Op["parameters"]["query"];
type Ok = Op["responses"][200]["content"]["application/json"];
type Failed = Op["responses"][403]["content"]["application/json"];

export const sameOperation: Op = null as unknown as paths["/"]["post"];

export const content: components["schemas"]["ConnectionContent"] = {
  database: "dbname",
  instanceName: "instancename",
  password: "password",
  rdsOwnerId: "123",
  username: "username",
};
export const query: Query = {
  Action: "CreateConnection",
  Version: "2020-05-18",
  ConnectionType: "rds",
  Content: JSON.stringify(content),
  EnvType: 1,
  Name: "abc",
  ProjectId: 1,
  RegionId: "cn-shanghai",
};
export const okNumber: Ok = { RequestId: "0bc141151593763****", HttpStatusCode: 200, Data: 123, Success: true };
export const okString: Ok = { ...okNumber, HttpStatusCode: "200" };

export function dataSourceId(ok: Ok): number | undefined {
  return ok.Success ? ok.Data : undefined;
}
export function errorCode(failed: Failed): string {
  return `${failed.Code}: ${failed.Message} (${failed.RequestId})`;
}

// @ts-expect-error Action is a const
export const otherAction: Query = { ...query, Action: "CreateDataSource" };
// @ts-expect-error Version is a const
export const otherVersion: Query = { ...query, Version: "2024-05-18" };
// @ts-expect-error EnvType is 0 or 1
export const badEnv: Query = { ...query, EnvType: 2 };
// @ts-expect-error Success is required
export const noSuccess: Ok = { RequestId: "0bc141151593763****" };
// @ts-expect-error an RPC action has no request body
export const noBody: NonNullable<Op["requestBody"]> = {};
