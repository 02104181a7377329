// The region list config checks aws:region against is the aws provider's own.
import * as aws from '@pulumi/aws';
import { AWS_REGIONS } from '@streamlens/config';

it("config knows exactly the regions of the aws provider's Region enum", () => {
  expect([...AWS_REGIONS].sort()).toEqual(Object.values(aws.Region).sort());
});
