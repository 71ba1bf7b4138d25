"""Calls STS actions with botocore (the AWS CLI's engine) and prints each outcome as JSON, one process for many calls.

Run by sts.test.ts with AWS_ENDPOINT_URL_STS and AWS_DEFAULT_REGION pointing at the fake. The argument is a JSON list
of steps {"action", "credentials", "params"}; "credentials" is {} for none, an object of keys, or the index of an
earlier step whose returned Credentials sign this one."""
import json
import sys

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

outcomes = []
for step in json.loads(sys.argv[1]):
    credentials = step.get("credentials", {})
    if isinstance(credentials, int):
        issued = outcomes[credentials]["ok"]["Credentials"]
        credentials = {"accessKeyId": issued["AccessKeyId"], "secretAccessKey": issued["SecretAccessKey"], "sessionToken": issued["SessionToken"]}
    session = botocore.session.Session()
    if credentials:
        session.set_credentials(credentials["accessKeyId"], credentials["secretAccessKey"], credentials.get("sessionToken"))
    client = session.create_client("sts", config=Config(retries={"max_attempts": 1}))
    try:
        result = getattr(client, step["action"])(**step.get("params", {}))
        result.pop("ResponseMetadata", None)
        outcomes.append({"ok": result})
    except ClientError as error:
        outcomes.append({"error": error.response["Error"]["Code"], "message": error.response["Error"]["Message"], "status": error.response["ResponseMetadata"]["HTTPStatusCode"]})
print(json.dumps(outcomes, default=str))
