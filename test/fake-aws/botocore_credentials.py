"""Gets role credentials for a profile with botocore (the AWS CLI's engine) and prints them as JSON.

Run by credential-providers.test.ts with HOME, AWS_CONFIG_FILE and AWS_ENDPOINT_URL_SSO{,_OIDC} pointing at the fake."""
import json
import sys

import botocore.session

session = botocore.session.Session(profile=sys.argv[1])
credentials = session.get_credentials().get_frozen_credentials()
print(json.dumps({"accessKeyId": credentials.access_key, "secretAccessKey": credentials.secret_key, "sessionToken": credentials.token}))
